package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.testsupport.BuiltPacket;

/** Each class from the bytes its real peers write (built packets; the live tests use the peers themselves). */
class NetworkDetectorTest {

    private static final long MS = 1_000_000L;

    private final NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());
    private final List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();

    NetworkDetectorTest() {
        detector.listeners.add(pushed::add);
    }

    @Test
    void vrAt72HzIsDetectedWithItsRateAndTheHeadsetAsOperatorAndItsCloseEndsTheSession() {
        Traffic.Tcp up = new Traffic.Tcp("192.168.1.50", 51000, "192.168.1.10", 8442, 1000);
        Traffic.Tcp down = up.reverse(90000);
        long t = Traffic.T0;
        detector.onPacket(up.syn(t));
        detector.onPacket(down.syn(t + MS));
        long interval = 1_000_000_000L / 72;
        for (int i = 0; i < 72 * 3; i++) {
            t += interval + (i % 3 - 1) * 300_000L;
            detector.onPacket(up.data(t, Traffic.tlsRecord(220)));
            if (i % 36 == 0) {
                detector.onPacket(down.data(t + MS, Traffic.tlsRecord(40)));
            }
        }
        detector.tick();
        DetectorSignal s = detector.detect();
        assertThat(s.active()).as(s.reason()).isTrue();
        assertThat(s.confidence()).isEqualTo(NetworkView.SESSION_CONFIDENCE);
        assertThat(s.measurement("vr_rate_hz")).isCloseTo(72, within(72 * 0.05));
        assertThat(s.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(72, within(72 * 0.05));
        assertThat(s.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("192.168.1.50"));
        assertThat(s.reason()).contains("vr: TLS to 192.168.1.10:8442 from 192.168.1.50:51000", "records/s up");
        assertThat(pushed).anySatisfy(p -> assertThat(p.active()).isTrue());

        detector.onPacket(up.fin(t + 5 * MS));
        detector.tick();
        DetectorSignal after = detector.detect();
        assertThat(after.active()).isFalse();
        assertThat(after.ended()).isNotNull();
        assertThat(after.ended().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(after.ended().detail()).contains("192.168.1.50", "VR connection", "FIN");
    }

    @Test
    void aFloodOfOneHundredThousandRandomFlowsNeitherLosesAVrSessionNorGrowsTheTable() {
        Traffic.Tcp up = new Traffic.Tcp("192.168.1.50", 51000, "192.168.1.10", 8442, 1000);
        java.util.Random random = new java.util.Random(17);
        long t = Traffic.T0;
        detector.onPacket(up.syn(t));
        long interval = 1_000_000_000L / 90;
        int flood = 0;
        int ticks = 0;
        int activeTicks = 0;
        for (int i = 0; i < 90 * 12; i++) {
            t += interval;
            detector.onPacket(up.data(t, Traffic.tlsRecord(200)));
            // 100 random flows (random source, ports) between two headset records: 9,000 flows/s.
            for (int k = 0; k < 100 && flood < 100_000; k++, flood++) {
                detector.onPacket(BuiltPacket.udp(t + k * 1000L, "10." + random.nextInt(256) + "." + random.nextInt(256)
                        + "." + random.nextInt(256), 1 + random.nextInt(65535), "192.168.1.10", 1 + random.nextInt(65535),
                        new byte[random.nextInt(200)]));
            }
            if (i % 9 == 0 && i >= 180) {
                detector.tick();
                ticks++;
                DetectorSignal s = detector.detect();
                activeTicks += s.active() ? 1 : 0;
                assertThat(s.measurement("flows")).isLessThanOrEqualTo(2048);
            }
        }
        assertThat(flood).isEqualTo(100_000);
        assertThat(activeTicks).as("ticks with the session seen, of " + ticks).isEqualTo(ticks);
        assertThat(detector.traffic().flows.evicted).isGreaterThanOrEqualTo(100_000 - 2048);
        assertThat(detector.traffic().flows.capacity()).isEqualTo(2048);
        assertThat(detector.detect().measurement("vr_rate_hz")).isCloseTo(90, within(90 * 0.05));
    }

    @Test
    void vrOnceASecondIsNotTeleop() {
        Traffic.Tcp up = new Traffic.Tcp("192.168.1.50", 51000, "192.168.1.10", 8442, 1000);
        long t = Traffic.T0;
        detector.onPacket(up.syn(t));
        for (int i = 0; i < 10; i++) {
            t += 1_000_000_000L;
            detector.onPacket(up.data(t, Traffic.tlsRecord(220)));
        }
        detector.tick();
        assertThat(detector.detect().active()).isFalse();
    }

    @Test
    void socketIoCommandEventsAreCountedApartFromPingsAndTheBrowserIsTheOperator() {
        Traffic.Tcp browser = new Traffic.Tcp("10.0.0.7", 53000, "10.0.0.2", 8000, 5000);
        Traffic.Tcp robot = browser.reverse(7000);
        long t = Traffic.T0;
        detector.onPacket(browser.syn(t));
        detector.onPacket(robot.syn(t + MS));
        detector.onPacket(browser.data(t + 2 * MS, Traffic.ascii("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: 10.0.0.2:8000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")));
        detector.onPacket(robot.data(t + 3 * MS, Traffic.ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")));
        detector.onPacket(robot.data(t + 4 * MS, Traffic.wsText("0{\"sid\":\"x\",\"pingInterval\":25000}", false)));
        detector.onPacket(browser.data(t + 5 * MS, Traffic.wsText("40", true)));
        for (int i = 0; i < 60; i++) {
            t += 50 * MS;
            detector.onPacket(browser.data(t, Traffic.wsText("42[\"command\",{\"x\":0.1,\"y\":" + i + "}]", true)));
            if (i % 20 == 0) {
                detector.onPacket(robot.data(t + MS, Traffic.wsText("2", false)));
                detector.onPacket(browser.data(t + 2 * MS, Traffic.wsText("3", true)));
                detector.onPacket(browser.data(t + 3 * MS, Traffic.wsText("42[\"status\",{}]", true)));
            }
        }
        detector.tick();
        DetectorSignal s = detector.detect();
        assertThat(s.active()).as(s.reason()).isTrue();
        assertThat(s.measurement("web_commands_hz")).isCloseTo(20, within(1.0));
        assertThat(s.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("10.0.0.7"));
        assertThat(s.reason()).contains("web_control", "/socket.io/?EIO=4&transport=websocket", "60 commands",
                "3 pings", "3 pongs", "3 other events");
    }

    @Test
    void videoOutAndControlInWithOnePeerIsThePatternAtModerateConfidence() {
        videoAndControl("10.0.0.2", "10.0.0.7", 7001);
        detector.tick();
        DetectorSignal s = detector.detect();
        assertThat(s.active()).as(s.reason()).isTrue();
        assertThat(s.confidence()).isEqualTo(NetworkView.PATTERN_CONFIDENCE);
        assertThat(s.reason()).contains("teleop pattern with 10.0.0.7", "video: udp 10.0.0.2:5600 -> 10.0.0.7:5601",
                "control: udp 10.0.0.7:7000 -> 10.0.0.2:7001");
        assertThat(s.measurement(Measurements.FPS)).isCloseTo(30, within(1.5));
        assertThat(s.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(30, within(1.5));
        assertThat(s.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("10.0.0.7"));
    }

    @Test
    void videoIntoTheRobotIsNoPatternWhateverComesBack() {
        videoAndControl("10.0.0.7", "10.0.0.2", 7001);
        detector.tick();
        DetectorSignal s = detector.detect();
        assertThat(s.active()).as(s.reason()).isFalse();
        assertThat(s.measurement("flows_video")).isEqualTo(1);
        assertThat(s.measurement("flows_control")).isEqualTo(1);
        assertThat(s.measurements()).doesNotContainKey(Measurements.COMMAND_RATE_HZ);
    }

    @Test
    void aPatternOnAZmqPortOnlyCorroboratesAndLeavesTheStateReadings() {
        videoAndControl("10.0.0.2", "10.0.0.7", 5555);
        detector.tick();
        DetectorSignal s = detector.detect();
        assertThat(s.confidence()).isEqualTo(NetworkView.CORROBORATE_CONFIDENCE);
        assertThat(s.measurements()).doesNotContainKeys(Measurements.COMMAND_RATE_HZ, Measurements.FPS);
    }

    @Test
    void garbageOnTheVrAndWebPortsIsNoSessionAndNoFailure() {
        java.util.Random random = new java.util.Random(3);
        long t = Traffic.T0;
        for (int port : new int[] {8442, 8000}) {
            Traffic.Tcp c = new Traffic.Tcp("10.0.0.7", 40000 + port, "10.0.0.2", port, 1);
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                t += 10 * MS;
                detector.onPacket(c.data(t, junk));
            }
        }
        detector.tick();
        assertThat(detector.errors()).isZero();
        assertThat(detector.detect().active()).isFalse();
    }

    /** 3 s of 30 fps video (8 packets of 1200 B a frame) from {@code sender} and 30 Hz control back to its port. */
    private void videoAndControl(String sender, String receiver, int controlPort) {
        detector.localAddresses().set(java.util.Set.of("10.0.0.2"));
        for (int frame = 0; frame < 90; frame++) {
            long frameStart = Traffic.T0 + frame * 33_333_333L;
            for (int k = 0; k < 8; k++) {
                detector.onPacket(BuiltPacket.udp(frameStart + k * 100_000L, sender, 5600, receiver, 5601, new byte[1200]));
            }
            detector.onPacket(BuiltPacket.udp(frameStart + 5 * MS, receiver, 7000, sender, controlPort, new byte[48]));
        }
    }
}
