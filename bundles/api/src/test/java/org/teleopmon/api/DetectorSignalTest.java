package org.teleopmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;

class DetectorSignalTest {

    @Test
    void builderClampsConfidenceAndDropsNonFiniteMeasurements() {
        DetectorSignal signal = DetectorSignal.builder("zmq").confidence(250).active(true)
                .measurement(Measurements.FPS, 29.5).measurement(Measurements.LATENCY_MS, Double.NaN)
                .timestamp(Instant.EPOCH).build();

        assertThat(signal.confidence()).isEqualTo(100);
        assertThat(signal.measurements()).containsOnlyKeys(Measurements.FPS);
        assertThat(signal.measurement(Measurements.LATENCY_MS)).isNaN();
    }

    @Test
    void constructorRejectsConfidenceOutOfRange() {
        assertThatThrownBy(() -> new DetectorSignal("x", Instant.EPOCH, true, -1, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void operatorNameDefaultsToId() {
        assertThat(new Operator("10.0.0.7", " ", IdentitySource.NETWORK_PEER, null).name()).isEqualTo("10.0.0.7");
    }

    @Test
    void captureInterestMatchesEitherDirection() {
        CaptureInterest interest = CaptureInterest.tcp(Set.of(5555));
        assertThat(interest.matches(Packet.TCP, 40000, 5555)).isTrue();
        assertThat(interest.matches(Packet.TCP, 5555, 40000)).isTrue();
        assertThat(interest.matches(Packet.UDP, 5555, 40000)).isFalse();
        assertThatThrownBy(() -> CaptureInterest.tcp(Set.of(70000))).hasMessageContaining("70000");
    }

    @Test
    void healthStatusesMapToHttpCodesAndOrder() {
        assertThat(Health.Status.WARN.httpStatus()).isEqualTo(200);
        assertThat(Health.Status.CRITICAL.httpStatus()).isEqualTo(503);
        assertThat(Health.Status.WARN.worst(Health.Status.CRITICAL)).isEqualTo(Health.Status.CRITICAL);
        assertThat(EventType.fromWireName("fps_warning")).contains(EventType.FPS_WARNING);
    }
}
