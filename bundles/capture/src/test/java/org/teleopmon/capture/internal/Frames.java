package org.teleopmon.capture.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds frames byte by byte, as a wire would carry them, for decoder tests and the benchmark. */
final class Frames {

    static final byte[] V4_SRC = {10, 0, 0, 1};
    static final byte[] V4_DST = {10, 0, 0, 2};
    static final byte[] V6_SRC = bytes16(0x20);
    static final byte[] V6_DST = bytes16(0x30);

    private Frames() {
    }

    static byte[] tcp(int src, int dst, long seq, long ack, int flags, byte[] options, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + options.length + payload.length);
        b.putShort((short) src).putShort((short) dst).putInt((int) seq).putInt((int) ack);
        b.put((byte) (((20 + options.length) / 4) << 4)).put((byte) flags).putShort((short) 65535);
        b.putShort((short) 0).putShort((short) 0).put(options).put(payload);
        return b.array();
    }

    static byte[] udp(int src, int dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) src).putShort((short) dst).putShort((short) (8 + payload.length)).putShort((short) 0);
        return b.put(payload).array();
    }

    static byte[] ipv4(int protocol, byte[] options, int fragmentField, byte[] transport) {
        int header = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(header + transport.length);
        b.put((byte) (0x40 | header / 4)).put((byte) 0).putShort((short) (header + transport.length));
        b.putShort((short) 1).putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0);
        return b.put(V4_SRC).put(V4_DST).put(options).put(transport).array();
    }

    static byte[] ipv4(int protocol, byte[] transport) {
        return ipv4(protocol, new byte[0], 0x4000, transport);
    }

    /** An IPv6 packet; {@code extensions} are already chained, the first one's type is {@code next}. */
    static byte[] ipv6(int next, byte[] extensions, byte[] transport) {
        ByteBuffer b = ByteBuffer.allocate(40 + extensions.length + transport.length);
        b.putInt(0x6000_0000).putShort((short) (extensions.length + transport.length)).put((byte) next).put((byte) 64);
        return b.put(V6_SRC).put(V6_DST).put(extensions).put(transport).array();
    }

    /** An 8-byte extension header (hop-by-hop, destination options, routing or fragment layout). */
    static byte[] extension(int next, int second, int third) {
        return new byte[] {(byte) next, (byte) second, (byte) (third >> 8), (byte) third, 0, 0, 0, 0};
    }

    static byte[] ethernet(int etherType, byte[] payload) {
        return concat(new byte[12], shortBytes(etherType), payload);
    }

    static byte[] vlan(int etherType, byte[] payload) {
        return concat(new byte[12], shortBytes(0x8100), shortBytes(7), shortBytes(etherType), payload);
    }

    static byte[] sll(int etherType, byte[] payload) {
        return concat(new byte[14], shortBytes(etherType), payload);
    }

    static byte[] sll2(int etherType, byte[] payload) {
        return concat(shortBytes(etherType), new byte[18], payload);
    }

    static byte[] bsdNull(byte[] payload) {
        return concat(new byte[] {2, 0, 0, 0}, payload);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] shortBytes(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static byte[] bytes16(int first) {
        byte[] b = new byte[16];
        b[0] = (byte) first;
        b[15] = 1;
        return b;
    }
}
