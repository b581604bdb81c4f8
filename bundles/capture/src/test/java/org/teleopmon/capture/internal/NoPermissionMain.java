package org.teleopmon.capture.internal;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureInterest;

/**
 * Run by {@link NoPermissionTest} in a JVM without CAP_NET_RAW (or, given a network-namespace file,
 * without CAP_SYS_ADMIN): capture must fail, say why in health, keep retrying quietly, and leave
 * the JVM (the rest of the monitor) working.
 */
public final class NoPermissionMain {

    private NoPermissionMain() {
    }

    public static void main(String[] args) throws Exception {
        CaptureSettings settings = new CaptureSettings(List.of("lo"), 65535, 1 << 20, false,
                Duration.ofMillis(100), Duration.ofMillis(200)).withNetns(args.length > 0 ? args[0] : "");
        try (Capture capture = new Capture(settings)) {
            capture.start();
            capture.add(new RecordingListener(new CaptureInterest(Set.of(5555), Set.of(), false)));
            await().atMost(Duration.ofSeconds(30)).until(() -> capture.openAttempts() >= 5);
            Health health = capture.health();
            System.out.println("STATUS " + health.status());
            System.out.println("MESSAGE " + health.message());
            System.out.println("ATTEMPTS " + capture.openAttempts());
            System.out.println("INTERFACES " + capture.stats().interfaces());
        }
        System.out.println("ALIVE");
    }
}
