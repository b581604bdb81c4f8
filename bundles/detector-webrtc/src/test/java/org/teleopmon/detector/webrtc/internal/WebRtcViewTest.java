package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.MS;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.OPERATOR;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.ROBOT;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.T0;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Measurements;
import org.teleopmon.detector.support.LocalAddresses;
import org.teleopmon.testsupport.BuiltPacket;

/** A whole synthetic call, video with known loss, audio and retransmissions, read back as the signal. */
class WebRtcViewTest {

    private final Settings settings = new Settings(Set.of(3478), Set.of(), 2000 * MS, 1000 * MS, 8000 * MS, 256, 16);
    private final WebRtcTraffic traffic = new WebRtcTraffic(settings);
    private final CallTracker calls;
    private long robotBytes;

    WebRtcViewTest() {
        LocalAddresses local = new LocalAddresses();
        local.set(Set.of(ROBOT));
        calls = new CallTracker(settings, local, 10);
    }

    private void fromRobot(long t, byte[] payload) {
        traffic.udp(BuiltPacket.udp(t, ROBOT, 50000, OPERATOR, 60000, payload));
        robotBytes += t >= T0 + 1000 * MS && t < T0 + 3000 * MS ? payload.length : 0;
    }

    private void fromOperator(long t, byte[] payload) {
        traffic.udp(BuiltPacket.udp(t, OPERATOR, 60000, ROBOT, 50000, payload));
    }

    @Test
    void videoWithFivePercentLossAudioAndRetransmissions() {
        byte[] tx = Wire.transaction(1);
        fromRobot(T0 - 100 * MS, Wire.bindingRequest(tx, "opfrag:rbfrag"));
        fromOperator(T0 - 75 * MS, Wire.bindingSuccess(tx));
        fromRobot(T0 - 60 * MS, Wire.clientHello());
        fromOperator(T0 - 50 * MS, Wire.serverHello(0xFEFC));

        int videoSequence = 0;
        int rtxSequence = 0;
        for (int frame = 0; frame < 90; frame++) {
            long t = T0 + frame * 100 * MS / 3;
            long timestamp = 1_000_000L + 3000L * frame;
            for (int p = 0; p < 3; p++) {
                int sequence = videoSequence++;
                if (sequence % 20 == 19) {
                    // Lost on the way out of the capture point's view; retransmitted on the RTX SSRC.
                    fromRobot(t + 5 * MS, Wire.rtp(97, false, rtxSequence++, timestamp, 0xBBBB, 1002));
                    continue;
                }
                fromRobot(t + p * MS / 2, Wire.rtp(96, p == 2, sequence, timestamp, 0xAAAA, 1000));
            }
        }
        for (int i = 0; i < 150; i++) {
            fromRobot(T0 + i * 20 * MS, Wire.rtp(111, false, 7000 + i, 960L * i, 0xCCCC, 100));
        }
        long now = T0 + 3000 * MS;
        List<Call> started = calls.update(traffic.flows.all(), now).started();
        assertThat(started).hasSize(1);

        DetectorSignal signal = WebRtcView.signal(calls.active(), now, settings, 0);
        assertThat(signal.active()).isTrue();
        assertThat(signal.confidence()).isEqualTo(90);
        assertThat(signal.operators()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(OPERATOR);
            assertThat(o.name()).as("the engine names operators").isEqualTo(OPERATOR);
        });
        assertThat(signal.measurement(Measurements.FPS)).isCloseTo(30, within(1.0));
        assertThat(signal.measurement("fps_max")).isCloseTo(30, within(1.0));
        // The last frame's first packet came at 89 frame periods: the engine's video stalls count from it.
        assertThat(signal.measurement(Measurements.SINCE_LAST_FRAME_MS)).isCloseTo(3000 - 89 * 100 / 3.0,
                within(1e-3));
        assertThat(signal.measurement(Measurements.PACKET_LOSS_PERCENT)).isCloseTo(5, within(0.5));
        assertThat(signal.measurement(Measurements.LATENCY_MS)).isCloseTo(25, within(1e-9));
        assertThat(signal.measurement("video_streams")).isEqualTo(1);
        assertThat(signal.measurement("audio_streams")).isEqualTo(1);
        assertThat(signal.measurement("rtx_streams")).isEqualTo(1);
        // 13 retransmissions of the 257 video packets that were not lost.
        assertThat(signal.measurement("retransmitted_percent")).isCloseTo(100.0 * 13 / 257, within(0.5));
        assertThat(signal.measurement("dtls_version")).isEqualTo(1.3);
        assertThat(signal.measurement("outbound_mbps")).isCloseTo(robotBytes * 8 / 2.0 / 1e6, within(0.01));
        assertThat(signal.measurement("inbound_mbps")).isZero();
        assertThat(signal.measurement("call_duration_s")).isCloseTo(3.1, within(1e-9));
        assertThat(signal.reason()).contains("media flowing", "DTLS 1.3");
    }

    @Test
    void noCallIsAnIdleView() {
        DetectorSignal signal = WebRtcView.signal(List.of(), T0, settings, 0);
        assertThat(signal.active()).isFalse();
        assertThat(signal.confidence()).isZero();
        assertThat(signal.reason()).isEqualTo("no WebRTC call seen");
        assertThat(WebRtcView.signal(List.of(), T0, settings, 2).confidence()).isEqualTo(10);
    }
}
