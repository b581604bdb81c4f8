package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.TeleopEvent;

/** The component with its real threads, bound by hand as DS would. */
class TeleopEngineTest {

    private final TeleopEngine engine = new TeleopEngine(Settings.defaults(), Clock.systemUTC());
    private final List<TeleopEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void deactivate() {
        engine.deactivate();
    }

    private static Detector detector(String name, DetectorSignal view) {
        return new TestDetector(name,
                () -> DetectorSignal.builder(name).active(view.active()).confidence(view.confidence()).build());
    }

    @Test
    void pushedSignalIsPublishedAndTheTickKeepsTheViewFresh() {
        engine.bindListener(events::add);
        Detector zmq = detector("zmq", DetectorSignal.builder("zmq").active(true).confidence(90).build());
        engine.bindDetector(zmq, Map.of(Detector.WEIGHT_PROPERTY, 90, "service.id", 7L));

        engine.signalChanged(DetectorSignal.builder("zmq").active(true).confidence(90).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .anyMatch(e -> e.type() == EventType.TELEOPERATION_STARTED));
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.getStats().perDetector().get("zmq") > 5);
        assertThat(engine.getState().active()).isTrue();
        assertThat(engine.getDetectors()).singleElement().satisfies(d -> assertThat(d.weight()).isEqualTo(90));

        engine.unbindDetector(zmq);
        assertThat(engine.getDetectors().get(0).health().status()).isEqualTo(Health.Status.TEMPORARILY_UNAVAILABLE);
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.getState().active());
        assertThat(engine.getSessions()).singleElement().satisfies(s -> assertThat(s.isOpen()).isFalse());
    }

    @Test
    void theTickSlowsWhileNothingClaimsAndAClaimBringsItBackAtOnce() {
        java.util.concurrent.atomic.AtomicReference<DetectorSignal> view =
                new java.util.concurrent.atomic.AtomicReference<>(DetectorSignal.builder("zmq").build());
        engine.bindListener(events::add);
        engine.bindDetector(new TestDetector("zmq", () -> DetectorSignal.builder("zmq").active(view.get().active())
                .confidence(view.get().confidence()).build()), Map.of(Detector.WEIGHT_PROPERTY, 90, "service.id", 7L));
        await().atMost(Duration.ofSeconds(5)).until(engine::ticksSlowly);
        long polled = engine.getStats().perDetector().get("zmq");

        view.set(DetectorSignal.builder("zmq").active(true).confidence(90).build());
        engine.signalChanged(view.get());
        assertThat(engine.ticksSlowly()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.getState().active());
        // Polled at the detection interval again (0.1 s), not once a second.
        await().atMost(Duration.ofMillis(900)).until(() -> engine.getStats().perDetector().get("zmq") >= polled + 4);

        view.set(DetectorSignal.builder("zmq").build());
        engine.signalChanged(view.get());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .anyMatch(e -> e.type() == EventType.TELEOPERATION_STOPPED));
        await().atMost(Duration.ofSeconds(5)).until(engine::ticksSlowly);
    }

    @Test
    void detectorWithoutAUsableNameOrWeightIsShownNotFatal() {
        Detector nameless = new Detector() {
            @Override
            public String name() {
                throw new IllegalStateException("not yet");
            }

            @Override
            public DetectorSignal detect() {
                return DetectorSignal.idle("x", java.time.Instant.now());
            }
        };
        engine.bindDetector(nameless, Map.of("service.id", 42L, Detector.WEIGHT_PROPERTY, "heavy"));

        DetectorStatus status = engine.getDetectors().get(0);
        assertThat(status.name()).isEqualTo("detector-42");
        assertThat(status.weight()).isEqualTo(Settings.DEFAULT_WEIGHT);
        assertThat(status.health().message()).contains("name() threw");
    }

    @Test
    void signalsThatCannotBeEvaluatedNeverReachTheDetector() {
        engine.signalChanged(null);
        engine.signalChanged(DetectorSignal.builder("ghost").active(true).confidence(100).build());
        assertThat(engine.getState().confidence()).isZero();
    }

    @Test
    void reconfigurationAppliesLive() {
        engine.modified(SettingsTest.config(50, 10, 0.0, "zmq=100"));
        engine.bindDetector(detector("zmq", DetectorSignal.idle("zmq", java.time.Instant.now())),
                Map.of("service.id", 1L));
        engine.signalChanged(DetectorSignal.builder("zmq").active(true).confidence(55).build());
        assertThat(engine.getState().active()).isTrue();
        assertThat(engine.getState().robotType()).isEqualTo("xle");
    }
}
