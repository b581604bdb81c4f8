package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.MS;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.OPERATOR;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.ROBOT;
import static org.teleopmon.detector.webrtc.internal.CallTrackerTest.T0;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.testsupport.BuiltPacket;

class WebRtcDetectorTest {

    private final WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
    private final List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();

    WebRtcDetectorTest() {
        detector.localAddresses().set(Set.of(ROBOT));
    }

    @AfterEach
    void stop() {
        detector.deactivate();
    }

    private void send(long t, String src, int srcPort, String dst, int dstPort, byte[] payload) {
        detector.onPacket(BuiltPacket.udp(t, src, srcPort, dst, dstPort, payload));
    }

    private void checkAndAnswer(long t) {
        byte[] tx = Wire.transaction((int) (t / MS));
        send(t, ROBOT, 50000, OPERATOR, 60000, Wire.bindingRequest(tx, "opfrag:rbfrag"));
        send(t + 8 * MS, OPERATOR, 60000, ROBOT, 50000, Wire.bindingSuccess(tx));
    }

    @Test
    void pushesTheMomentACallGoesUpWithoutATick() {
        detector.listeners.add(pushed::add);
        checkAndAnswer(T0);
        assertThat(pushed).as("checks alone are no call").isEmpty();

        send(T0 + 20 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        assertThat(pushed).hasSize(1);
        DetectorSignal signal = pushed.get(0);
        assertThat(signal.detector()).isEqualTo("webrtc");
        assertThat(signal.active()).isTrue();
        assertThat(signal.confidence()).isEqualTo(55);
        assertThat(signal.operators()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(OPERATOR);
            assertThat(o.source()).isEqualTo(IdentitySource.NETWORK_PEER);
        });
        assertThat(signal.measurement("latency_ms")).isEqualTo(8.0);
        assertThat(signal.reason()).contains("webrtc call", OPERATOR + ":60000");
        assertThat(detector.lastPushed()).isSameAs(signal);

        // More of the same call changes nothing that is pushed.
        send(T0 + 30 * MS, OPERATOR, 60000, ROBOT, 50000, Wire.serverHello(0xFEFC));
        checkAndAnswer(T0 + 40 * MS);
        assertThat(pushed).hasSize(1);
        assertThat(detector.calls()).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo("webrtc");
            assertThat(row.dtls()).isEqualTo("1.3");
            assertThat(row.consentChecks()).isEqualTo(2);
        });
        assertThat(detector.detect().active()).isTrue();
    }

    @Test
    void aThrowingListenerBreaksNothing() {
        detector.listeners.add(signal -> {
            throw new IllegalStateException("listener bug");
        });
        detector.listeners.add(pushed::add);
        checkAndAnswer(T0);
        send(T0 + 20 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        assertThat(pushed).hasSize(1);
        assertThat(detector.errors()).isZero();
        for (int i = 0; i < 10; i++) {
            send(T0 + (30 + i) * MS, ROBOT, 50000, OPERATOR, 60000, Wire.rtp(96, false, i, 3000, 0x42, 900));
        }
        assertThat(detector.streams()).singleElement().satisfies(s -> assertThat(s.packets()).isEqualTo(10));
        // GET /detectors/webrtc's rows: the --streams table
        assertThat(detector.details()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("ssrc", 0x42L).containsEntry("packets", 10L).containsEntry("payload_type", 96));
        assertThat(pushed).hasSize(1);
    }

    @Test
    void aPacketThatBreaksParsingIsCountedAndHealthWarns() {
        detector.capture = new HealthyCapture();
        assertThat(detector.health().isOk()).isTrue();
        BuiltPacket good = BuiltPacket.udp(T0, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        // A capture-side bug: offsets past the frame it hands over.
        detector.onPacket(good.frameCutTo(30));
        assertThat(detector.errors()).isEqualTo(1);
        Health health = detector.health();
        assertThat(health.status()).isEqualTo(Health.Status.WARN);
        assertThat(health.message()).contains("1 packets failed");

        detector.listeners.add(pushed::add);
        checkAndAnswer(T0 + MS);
        send(T0 + 20 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        assertThat(pushed).singleElement().satisfies(s -> assertThat(s.active()).isTrue());
    }

    @Test
    void withoutCaptureTheDetectorSaysSo() {
        assertThat(detector.health().status()).isEqualTo(Health.Status.TEMPORARILY_UNAVAILABLE);
        assertThat(detector.detect().active()).isFalse();
        assertThat(detector.interest().allUdp()).isTrue();
    }

    @Test
    void theTickEndsAnIdleCallAndPushesIt() {
        detector.listeners.add(pushed::add);
        checkAndAnswer(T0);
        send(T0 + 20 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        assertThat(pushed).hasSize(1);
        // The detector's clock follows the capture: any later packet, here a DNS query, moves it on.
        byte[] dns = Wire.of().u16(0x1234).u16(0x0100).u16(1).u16(0).u16(0).u16(0).zeros(17).build();
        send(T0 + 20_000 * MS, ROBOT, 40000, "198.51.100.53", 53, dns);
        assertThat(pushed).hasSize(1);
        detector.tick();
        assertThat(pushed).hasSize(2);
        assertThat(pushed.get(1).active()).isFalse();
        assertThat(detector.calls()).isEmpty();
        assertThat(detector.history()).singleElement()
                .satisfies(c -> assertThat(c.remote()).isEqualTo(OPERATOR + ":60000"));
        // A call's flows outlive idle expiry while it is up; the tick after it ended drops them.
        assertThat(detector.traffic().flows.size()).isEqualTo(1);
        detector.tick();
        assertThat(detector.traffic().flows.size()).isZero();
    }

    private static final class HealthyCapture implements CaptureService {
        @Override
        public Health health() {
            return Health.ok();
        }

        @Override
        public CaptureStats stats() {
            return null;
        }

        @Override
        public long replay(Path pcapFile) {
            return 0;
        }
    }
}
