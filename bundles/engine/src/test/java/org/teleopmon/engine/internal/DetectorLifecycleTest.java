package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.TELEOPERATION_STARTED;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;

/** Detectors that vanish, throw, go silent or misbehave stop counting, visibly, and nothing else breaks. */
class DetectorLifecycleTest {

    private final Timeline t = new Timeline().attach("zmq", 90).attach("input", 90);

    private DetectorStatus status(String name) {
        return t.correlator.detectors().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void detectorVanishingMidSessionEndsItAfterHoldAndShowsAsGone() {
        t.push("zmq", 90, "10.0.0.7");
        t.keep("zmq", 90, ms(1000), "10.0.0.7");
        var goneAt = t.clock.instant();
        t.correlator.detach("zmq");

        assertThat(t.correlator.state().confidence()).isZero();
        assertThat(status("zmq").health().status()).isEqualTo(Health.Status.TEMPORARILY_UNAVAILABLE);
        assertThat(status("zmq").health().message()).contains("went away");
        t.run(ms(2000));
        assertThat(t.correlator.state().active()).isFalse();
        assertThat(t.last(TELEOPERATION_STOPPED).session().end()).isEqualTo(goneAt);
        assertThat(t.correlator.state().operators()).isEmpty();

        t.push("zmq", 90);
        assertThat(t.count(TELEOPERATION_STARTED)).as("signals of a gone detector are ignored").isEqualTo(1);

        t.correlator.attach("zmq", 90);
        assertThat(status("zmq").health().isOk()).isTrue();
        t.push("zmq", 90);
        assertThat(t.correlator.state().active()).isTrue();
        assertThat(status("zmq").signals()).as("count survives a restart").isEqualTo(12);
    }

    @Test
    void throwingDetectorStopsCountingUntilItRecovers() {
        t.push("zmq", 90);
        t.correlator.failed("zmq", "detect() threw java.lang.IllegalStateException: boom");

        assertThat(t.correlator.state().confidence()).isZero();
        assertThat(status("zmq").health().status()).isEqualTo(Health.Status.HEALTH_CHECK_ERROR);
        assertThat(status("zmq").health().message()).contains("boom");
        t.push("zmq", 95);
        assertThat(t.correlator.state().confidence()).as("a pushed view does not clear the failure").isZero();

        t.correlator.polled("zmq", t.signal("zmq", 90, Map.of()), Health.warn("no root"));
        assertThat(t.correlator.state().confidence()).isEqualTo(81);
        assertThat(status("zmq").health()).isEqualTo(Health.warn("no root"));
    }

    @Test
    void detectorReturningNullOrAForeignNameIsAFailure() {
        t.correlator.polled("zmq", null, Health.ok());
        assertThat(status("zmq").health().message()).isEqualTo("detect() returned null");
        t.correlator.polled("zmq", t.signal("other", 90, Map.of()), Health.ok());
        assertThat(status("zmq").health().message()).contains("'other'");
        assertThat(t.correlator.state().confidence()).isZero();
    }

    @Test
    void silentDetectorStopsCountingAndSaysSo() {
        t.push("zmq", 90, "10.0.0.7");
        DetectorSignal same = t.signal("zmq", 90, Map.of(), "10.0.0.7");
        t.correlator.polled("zmq", same, Health.ok());
        for (int i = 0; i < 51; i++) {
            t.advance(100);
            t.correlator.polled("zmq", same, Health.ok()); // the same view, never renewed
        }
        assertThat(t.correlator.state().confidence()).isZero();
        assertThat(status("zmq").health().status()).isEqualTo(Health.Status.WARN);
        assertThat(status("zmq").health().message()).startsWith("silent");

        t.push("zmq", 90, "10.0.0.7");
        assertThat(t.correlator.state().confidence()).isEqualTo(81);
        assertThat(status("zmq").health().isOk()).isTrue();
    }

    @Test
    void quietIdleDetectorIsHealthy() {
        DetectorSignal idle = DetectorSignal.idle("input", t.clock.instant());
        t.correlator.polled("input", idle, Health.ok());
        t.advance(60_000);
        t.correlator.polled("input", idle, Health.ok());
        assertThat(status("input").health().isOk()).isTrue();
    }

    @Test
    void signalsFromAnUnknownDetectorAreIgnored() {
        t.push("nobody", 100);
        assertThat(t.correlator.state().confidence()).isZero();
        assertThat(t.correlator.detectors()).extracting(DetectorStatus::name).containsExactly("input", "zmq");
    }

    @Test
    void anOlderViewArrivingLateDoesNotReplaceANewerOne() {
        DetectorSignal old = t.signal("zmq", 90, Map.of());
        t.advance(50);
        t.push("zmq", 0);
        t.correlator.signal(old);
        assertThat(status("zmq").active()).isFalse();
    }

    @Test
    void configuredWeightOverridesTheServiceProperty() {
        Timeline weighted = new Timeline(Timeline.settings(Map.of("input", 100))).attach("input", 50);
        weighted.push("input", 80);
        assertThat(weighted.correlator.state().confidence()).isEqualTo(80);
        assertThat(weighted.correlator.detectors().get(0).weight()).isEqualTo(100);

        weighted.correlator.reconfigure(Timeline.settings(Map.of()));
        assertThat(weighted.correlator.state().confidence()).isEqualTo(40);
        weighted.correlator.weight("input", null);
        assertThat(weighted.correlator.detectors().get(0).weight()).isEqualTo(Settings.DEFAULT_WEIGHT);
    }

    @Test
    void goneDetectorsAreForgottenBeyondALimit() {
        for (int i = 0; i < 40; i++) {
            t.correlator.attach("d" + i, 10);
            t.advance(1);
            t.correlator.detach("d" + i);
        }
        assertThat(t.correlator.detectors()).hasSize(2 + 32);
        assertThat(t.correlator.detectors()).extracting(DetectorStatus::name).doesNotContain("d0", "d7")
                .contains("d8", "d39");
        assertThat(Duration.ZERO).isZero();
    }
}
