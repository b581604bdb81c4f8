package org.teleopmon.bootguard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StopGuardTest {

    @Test
    void anArmedGuardFiresOnceAfterItsBound() {
        AtomicInteger fired = new AtomicInteger();
        StopGuard guard = new StopGuard(Duration.ofMillis(100), fired::incrementAndGet);
        guard.arm();
        guard.arm();
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.get() == 1);
        await().during(Duration.ofMillis(300)).until(() -> fired.get() == 1);
    }

    @Test
    void aStopThatFinishesInTimeDisarmsIt() {
        AtomicInteger fired = new AtomicInteger();
        StopGuard guard = new StopGuard(Duration.ofMillis(200), fired::incrementAndGet);
        guard.install();
        guard.arm();
        guard.disarm();
        await().during(Duration.ofMillis(500)).until(() -> fired.get() == 0);
    }

    @Test
    void theThreadDumpNamesEveryThreadWithItsWholeStack() {
        assertThat(Report.threadDump()).contains("\"main\"", "StopGuardTest.theThreadDumpNamesEveryThreadWithItsWholeStack");
    }
}
