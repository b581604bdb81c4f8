package org.teleopmon.detector.network.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.BuiltPacket;

/** Bytes as the real peers write them, for unit tests: TLS records, WebSocket frames, Socket.IO packets. */
final class Traffic {

    static final long T0 = 1_800_000_000_000_000_000L;

    private Traffic() {
    }

    /** A TLS 1.2-framed application-data record (TLS 1.3 uses the same outer header) of {@code body} bytes. */
    static byte[] tlsRecord(int body) {
        byte[] r = new byte[5 + body];
        r[0] = 23;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (body >> 8);
        r[4] = (byte) body;
        ThreadLocalRandom.current().nextBytes(java.util.Arrays.copyOfRange(r, 5, r.length));
        return r;
    }

    /** A WebSocket text frame, masked as a browser sends it when {@code masked}. */
    static byte[] wsText(String text, boolean masked) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int headerLength = 2 + (n >= 126 ? 2 : 0) + (masked ? 4 : 0);
        byte[] f = new byte[headerLength + n];
        f[0] = (byte) 0x81;
        int i = 1;
        if (n < 126) {
            f[i++] = (byte) ((masked ? 0x80 : 0) | n);
        } else {
            f[i++] = (byte) ((masked ? 0x80 : 0) | 126);
            f[i++] = (byte) (n >> 8);
            f[i++] = (byte) n;
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        if (masked) {
            System.arraycopy(mask, 0, f, i, 4);
            i += 4;
        }
        for (int k = 0; k < n; k++) {
            f[i + k] = (byte) (masked ? payload[k] ^ mask[k & 3] : payload[k]);
        }
        return f;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One direction of a TCP connection: its sequence number advances with what it sends. */
    static final class Tcp {
        final String src;
        final int srcPort;
        final String dst;
        final int dstPort;
        long seq;

        Tcp(String src, int srcPort, String dst, int dstPort, long isn) {
            this.src = src;
            this.srcPort = srcPort;
            this.dst = dst;
            this.dstPort = dstPort;
            this.seq = isn;
        }

        BuiltPacket syn(long nanos) {
            BuiltPacket p = BuiltPacket.tcp(nanos, src, srcPort, dst, dstPort, seq, Packet.TCP_SYN, new byte[0]);
            seq++;
            return p;
        }

        BuiltPacket data(long nanos, byte[] payload) {
            BuiltPacket p = BuiltPacket.tcp(nanos, src, srcPort, dst, dstPort, seq, Packet.TCP_ACK | Packet.TCP_PSH,
                    payload);
            seq += payload.length;
            return p;
        }

        BuiltPacket fin(long nanos) {
            BuiltPacket p = BuiltPacket.tcp(nanos, src, srcPort, dst, dstPort, seq, Packet.TCP_ACK | Packet.TCP_FIN,
                    new byte[0]);
            seq++;
            return p;
        }

        Tcp reverse(long isn) {
            return new Tcp(dst, dstPort, src, srcPort, isn);
        }
    }
}
