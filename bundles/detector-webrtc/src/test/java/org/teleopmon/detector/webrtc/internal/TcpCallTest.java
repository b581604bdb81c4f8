package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.BuiltPacket;

/** WebRTC over TCP: ICE-TCP (RFC 4571 framing) and TURN over TCP, cut into arbitrary segments. */
class TcpCallTest {

    private static final long T0 = 1_800_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final String ROBOT = "192.168.1.20";
    private static final String OPERATOR = "192.168.1.77";

    private final WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);

    @Test
    void iceTcpCarriesAWholeCall() {
        ByteArrayOutputStream toOperator = new ByteArrayOutputStream();
        ByteArrayOutputStream toRobot = new ByteArrayOutputStream();
        byte[] tx = Wire.transaction(1);
        framed(toOperator, Wire.bindingRequest(tx, "opfrag:robotfrag"));
        framed(toRobot, Wire.bindingSuccess(tx));
        framed(toOperator, Wire.clientHello());
        for (int i = 0; i < 60; i++) {
            framed(toOperator, Wire.rtp(96, i % 3 == 2, 100 + i, (i / 3) * 3000L, 0xABCD, 900));
        }
        segments(toRobot.toByteArray(), OPERATOR, 50443, ROBOT, 9443, T0);
        segments(toOperator.toByteArray(), ROBOT, 9443, OPERATOR, 50443, T0 + MS);

        assertThat(detector.calls()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("webrtc");
            assertThat(c.remote()).isEqualTo(OPERATOR + ":50443");
        });
        assertThat(detector.streams()).singleElement().satisfies(s -> {
            assertThat(s.packets()).isEqualTo(60);
            assertThat(s.frames()).isEqualTo(20);
            assertThat(s.lost()).isZero();
        });
    }

    @Test
    void turnOverTcpChannelDataIsUnwrapped() {
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        byte[] tx = Wire.transaction(2);
        toServer.writeBytes(Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, tx, Wire.xorPeerAddress(OPERATOR, 60000, tx)));
        byte[] check = Wire.bindingRequest(Wire.transaction(3), "a:b");
        toServer.writeBytes(Wire.channelData(0x4000, check, true));
        toServer.writeBytes(Wire.channelData(0x4000, Wire.clientHello(), true));
        for (int i = 0; i < 40; i++) {
            toServer.writeBytes(Wire.channelData(0x4000, Wire.rtp(96, true, i, i * 3000L, 0x77, 801), true));
        }
        segments(toServer.toByteArray(), ROBOT, 41000, "203.0.113.9", 3478, T0);

        assertThat(detector.streams()).singleElement().satisfies(s -> assertThat(s.packets()).isEqualTo(40));
        assertThat(detector.calls()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("turn");
            assertThat(c.remote()).isEqualTo(OPERATOR + ":60000");
        });
    }

    private static void framed(ByteArrayOutputStream out, byte[] packet) {
        out.write(packet.length >> 8);
        out.write(packet.length & 0xFF);
        out.writeBytes(packet);
    }

    /** The stream in segments of random size, a SYN first, one every 2 ms. */
    private void segments(byte[] stream, String src, int srcPort, String dst, int dstPort, long t) {
        Random random = new Random(stream.length);
        long sequence = 1000;
        detector.onPacket(BuiltPacket.tcp(t, src, srcPort, dst, dstPort, sequence++, Packet.TCP_SYN, new byte[0]));
        for (int off = 0; off < stream.length;) {
            int n = Math.min(stream.length - off, 1 + random.nextInt(1400));
            byte[] payload = java.util.Arrays.copyOfRange(stream, off, off + n);
            t += 2 * MS;
            detector.onPacket(BuiltPacket.tcp(t, src, srcPort, dst, dstPort, sequence, Packet.TCP_ACK, payload));
            sequence += n;
            off += n;
        }
    }
}
