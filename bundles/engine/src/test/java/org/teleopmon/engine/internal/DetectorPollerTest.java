package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;

/** Real threads: detectors that throw or hang are reported without holding up the others. */
class DetectorPollerTest {

    private final DetectorPoller poller = new DetectorPoller();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Correlator correlator = new Correlator(Settings.defaults(), java.time.Clock.systemUTC(), e -> { });

    @AfterEach
    void close() {
        release.countDown();
        poller.close();
    }

    private static Detector detector(String name, java.util.function.Supplier<DetectorSignal> detect,
            java.util.function.Supplier<Health> health) {
        return new TestDetector(name, detect, health);
    }

    /** A detector whose detect() blocks until the test ends. */
    private Detector stuck() {
        return detector("stuck", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DetectorSignal.builder("stuck").build();
        }, Health::ok);
    }

    private Health health(String name) {
        return correlator.detectors().stream().filter(d -> d.name().equals(name)).map(DetectorStatus::health)
                .findFirst().orElseThrow();
    }

    @Test
    void throwingHungAndHealthyDetectorsEachGetTheirVerdict() {
        Map<Detector, String> detectors = new IdentityHashMap<>();
        detectors.put(detector("good", () -> DetectorSignal.builder("good").active(true).confidence(100).build(),
                Health::ok), "good");
        detectors.put(detector("boom", () -> {
            throw new IllegalStateException("boom");
        }, Health::ok), "boom");
        detectors.put(detector("sick", () -> DetectorSignal.builder("sick").build(), () -> {
            throw new UnsupportedOperationException("no health");
        }), "sick");
        detectors.put(stuck(), "stuck");
        detectors.values().forEach(name -> correlator.attach(name, 50));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            poller.poll(detectors, correlator, Duration.ofMillis(200));
            assertThat(health("boom").message()).contains("detect() threw").contains("boom");
            assertThat(health("sick").message()).contains("health() threw").contains("no health");
            assertThat(health("stuck").message()).contains("has not returned for");
            assertThat(health("good").isOk()).isTrue();
            assertThat(correlator.state().confidence()).isEqualTo(50);
        });

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            poller.poll(detectors, correlator, Duration.ofMillis(200));
            assertThat(health("stuck").isOk()).isTrue();
        });
    }

    @Test
    void aDetectorQueuedBehindAHungOneIsStillPolledOnEveryTick() {
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        Map<Detector, String> detectors = new java.util.LinkedHashMap<>();
        detectors.put(stuck(), "stuck");
        detectors.put(detector("behind", () -> {
            polls.incrementAndGet();
            return DetectorSignal.builder("behind").build();
        }, Health::ok), "behind");
        detectors.values().forEach(name -> correlator.attach(name, 50));

        // The first batch blocks in "stuck" before reaching "behind"; later ticks move "behind" to a new batch.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            poller.poll(detectors, correlator, Duration.ofMillis(200));
            assertThat(polls.get()).isGreaterThanOrEqualTo(3);
            assertThat(health("stuck").message()).contains("has not returned for");
        });
    }
}
