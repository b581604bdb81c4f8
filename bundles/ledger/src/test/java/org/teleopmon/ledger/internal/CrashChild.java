package org.teleopmon.ledger.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;

/**
 * A monitor process for {@link CrashRecoveryTest}: a ledger on {@code args[0]} with one running
 * session fed a state every 50 ms, each announced on stdout ("state <epoch ms>"), until it is killed.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Ledger ledger = Ledger.start(new Settings(Path.of(args[0]), Duration.ofDays(365),
                Duration.ofMillis(Long.parseLong(args[1])), 500), Clock.systemUTC(), () -> null, () -> null);
        Instant start = Instant.now();
        SessionRecord open = Drive.open("crashed", start, Drive.ALICE);
        ledger.onEvent(Drive.started(open, Drive.active(start, start, Drive.ALICE, 10)));
        while (true) {
            Instant now = Instant.now();
            ledger.onEvent(TeleopEvent.stateUpdate(Drive.active(now, start, Drive.ALICE, 10)));
            System.out.println("state " + now.toEpochMilli());
            Thread.sleep(50);
        }
    }
}
