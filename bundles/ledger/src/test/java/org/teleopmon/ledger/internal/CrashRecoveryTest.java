package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.testsupport.ChildProcess;

/** A monitor process killed with SIGKILL mid-session: the next ledger closes the session within a heartbeat. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aSessionOfAKilledProcessEndsAtItsLastHeartbeatAsMonitorCrashed() throws Exception {
        Path file = dir.resolve("usage.db");
        long heartbeatMs = 500;
        AtomicLong lastState = new AtomicLong();
        AtomicLong states = new AtomicLong();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), file.toString(), Long.toString(heartbeatMs));
        Instant killed;
        try (ChildProcess child = ChildProcess.start("ledger child", builder, line -> {
            if (line.startsWith("state ")) {
                lastState.set(Long.parseLong(line.substring(6)));
                states.incrementAndGet();
            }
        })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> states.get() >= 40);
            child.process().destroyForcibly();
            killed = Instant.now();
            child.process().waitFor();
        }

        try (Ledger ledger = Ledger.start(new Settings(file, Duration.ofDays(365), Duration.ofMillis(heartbeatMs), 500),
                Clock.systemUTC(), () -> null, () -> null)) {
            LedgerSession session = await().atMost(Duration.ofSeconds(10))
                    .until(() -> ledger.session("crashed").orElseThrow(), s -> !s.session().isOpen());
            SessionRecord record = session.session();
            assertThat(record.endReason().kind()).isEqualTo(EndReason.Kind.MONITOR_CRASHED);
            assertThat(record.endReason().kind().category()).isEqualTo("monitor_crashed");
            Instant last = Instant.ofEpochMilli(lastState.get());
            assertThat(Duration.between(record.end(), last).abs())
                    .as("end %s vs the last state the child announced %s (killed at %s)", record.end(), last, killed)
                    .isLessThanOrEqualTo(Duration.ofMillis(heartbeatMs + 100));
            assertThat(record.duration()).isEqualTo(Duration.between(record.start(), record.end()));
            assertThat(ledger.counters().sessions()).containsEntry("monitor_crashed", 1L);
        }
    }
}
