package org.teleopmon.detector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Operator;

/** Real time, real threads: a busy period of 10 ms against an idle one of a minute, so the two cannot be mistaken. */
class TickerTest {

    private static final Duration BUSY = Duration.ofMillis(10);
    private static final Duration IDLE = Duration.ofMinutes(1);

    private final Recorded log = new Recorded();
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicBoolean busy = new AtomicBoolean();
    private Ticker ticker;

    @AfterEach
    void close() {
        if (ticker != null) {
            ticker.close();
        }
    }

    private Ticker start(java.util.function.BooleanSupplier tick) {
        ticker = new Ticker("ticker-test", BUSY, IDLE, tick, log.logger).start();
        return ticker;
    }

    @Test
    void ticksAtTheBusyPeriodWhileTheTickHasSomethingToAge() {
        busy.set(true);
        start(() -> ticks.incrementAndGet() > 0 && busy.get());
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 10);
        assertThat(ticker.idle()).isFalse();
    }

    @Test
    void aQuietTickSlowsToTheIdlePeriodAndTrafficBringsTheNextTickAtOnce() throws Exception {
        start(() -> ticks.incrementAndGet() > 0 && busy.get());
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() == 1 && ticker.idle());
        Thread.sleep(200); // twenty busy periods: none of them ticks
        assertThat(ticks).hasValue(1);

        ticker.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() == 2);
        await().atMost(Duration.ofSeconds(10)).until(ticker::idle);

        busy.set(true);
        ticker.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 8);
        assertThat(ticker.idle()).isFalse();
    }

    @Test
    void trafficDuringATickKeepsTheNextOneAtTheBusyPeriod() {
        start(() -> {
            if (ticks.incrementAndGet() == 1) {
                ticker.wake(); // a packet while the first tick runs
            }
            return false;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() == 2 && ticker.idle());
    }

    @Test
    void wakeUpsFromAnotherThreadAtAnyMomentLeaveOneTickerThatStillSleepsAndWakes() throws Exception {
        start(() -> ticks.incrementAndGet() > 0 && busy.get());
        Thread packets = new Thread(() -> {
            long end = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < end) {
                ticker.wake();
                Thread.onSpinWait();
            }
        });
        packets.start();
        packets.join();
        await().atMost(Duration.ofSeconds(10)).until(ticker::idle);
        int settled = ticks.get();
        Thread.sleep(200);
        assertThat(ticks).hasValue(settled);
        ticker.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() == settled + 1 && ticker.idle());
        Thread.sleep(200);
        assertThat(ticks).hasValue(settled + 1);
    }

    @Test
    void aThrowingTickIsLoggedOnceAndCountsAsBusy() {
        start(() -> {
            ticks.incrementAndGet();
            throw new IllegalStateException("a detector's bug");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 5);
        assertThat(ticker.idle()).isFalse();
        assertThat(log.warnings()).hasSize(1).first().asString().contains("a detector's bug", "ticker-test");
    }

    @Test
    void closeStopsTheTicks() throws Exception {
        busy.set(true);
        start(() -> ticks.incrementAndGet() > 0 && busy.get());
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 2);
        ticker.close();
        int after = ticks.get();
        Thread.sleep(100);
        assertThat(ticks.get()).isLessThanOrEqualTo(after + 1); // one tick may have been running
        ticker.wake(); // harmless after close
    }

    @Test
    void everyRunsItsJobOnTheTickersThreadWhateverThePace() {
        AtomicInteger jobs = new AtomicInteger();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(() -> false).every(Duration.ofMillis(10), () -> {
            jobs.incrementAndGet();
            threads.add(Thread.currentThread().getName());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get() >= 5);
        assertThat(threads).containsOnly("ticker-test");
    }

    @Test
    void aSignalClaimsWhatAges() {
        Instant now = Instant.ofEpochSecond(1);
        assertThat(Ticker.claims(null)).isFalse();
        assertThat(Ticker.claims(DetectorSignal.idle("zmq", now))).isFalse();
        assertThat(Ticker.claims(DetectorSignal.builder("zmq").timestamp(now).confidence(20).build())).isTrue();
        assertThat(Ticker.claims(DetectorSignal.builder("zmq").timestamp(now).active(true).confidence(90).build()))
                .isTrue();
        assertThat(Ticker.claims(DetectorSignal.builder("zmq").timestamp(now)
                .operator(new Operator("10.0.0.2", "alice", org.teleopmon.api.IdentitySource.NETWORK_PEER, "")).build())).isTrue();
    }
}
