package org.teleopmon.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds frames byte by byte, as a wire would carry them: link layers, IPv4 and IPv6 (with options
 * and extension headers), TCP and UDP. Checksums are left zero: the capture does not check them.
 */
public final class Frames {

    public static final byte[] V4_SRC = {10, 0, 0, 1};
    public static final byte[] V4_DST = {10, 0, 0, 2};
    public static final byte[] V6_SRC = bytes16(0x20);
    public static final byte[] V6_DST = bytes16(0x30);

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;

    private Frames() {
    }

    public static byte[] tcp(int src, int dst, long seq, long ack, int flags, byte[] options, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + options.length + payload.length);
        b.putShort((short) src).putShort((short) dst).putInt((int) seq).putInt((int) ack);
        b.put((byte) (((20 + options.length) / 4) << 4)).put((byte) flags).putShort((short) 65535);
        b.putShort((short) 0).putShort((short) 0).put(options).put(payload);
        return b.array();
    }

    public static byte[] udp(int src, int dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) src).putShort((short) dst).putShort((short) (8 + payload.length)).putShort((short) 0);
        return b.put(payload).array();
    }

    /** An IPv4 packet from {@code src} to {@code dst} (4 bytes each). */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] options, int fragmentField, byte[] transport) {
        int header = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(header + transport.length);
        b.put((byte) (0x40 | header / 4)).put((byte) 0).putShort((short) (header + transport.length));
        b.putShort((short) 1).putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0);
        return b.put(src).put(dst).put(options).put(transport).array();
    }

    public static byte[] ipv4(int protocol, byte[] options, int fragmentField, byte[] transport) {
        return ipv4(V4_SRC, V4_DST, protocol, options, fragmentField, transport);
    }

    /** An unfragmented IPv4 packet without options ("don't fragment" set), from 10.0.0.1 to 10.0.0.2. */
    public static byte[] ipv4(int protocol, byte[] transport) {
        return ipv4(protocol, new byte[0], 0x4000, transport);
    }

    /** An IPv6 packet from {@code src} to {@code dst} (16 bytes each); {@code extensions} are already chained. */
    public static byte[] ipv6(byte[] src, byte[] dst, int next, byte[] extensions, byte[] transport) {
        ByteBuffer b = ByteBuffer.allocate(40 + extensions.length + transport.length);
        b.putInt(0x6000_0000).putShort((short) (extensions.length + transport.length)).put((byte) next).put((byte) 64);
        return b.put(src).put(dst).put(extensions).put(transport).array();
    }

    /** An IPv6 packet; {@code extensions} are already chained, the first one's type is {@code next}. */
    public static byte[] ipv6(int next, byte[] extensions, byte[] transport) {
        return ipv6(V6_SRC, V6_DST, next, extensions, transport);
    }

    /** An 8-byte extension header (hop-by-hop, destination options, routing or fragment layout). */
    public static byte[] extension(int next, int second, int third) {
        return new byte[] {(byte) next, (byte) second, (byte) (third >> 8), (byte) third, 0, 0, 0, 0};
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return concat(new byte[12], shortBytes(etherType), payload);
    }

    public static byte[] vlan(int etherType, byte[] payload) {
        return concat(new byte[12], shortBytes(0x8100), shortBytes(7), shortBytes(etherType), payload);
    }

    public static byte[] sll(int etherType, byte[] payload) {
        return concat(new byte[14], shortBytes(etherType), payload);
    }

    public static byte[] sll2(int etherType, byte[] payload) {
        return concat(shortBytes(etherType), new byte[18], payload);
    }

    public static byte[] bsdNull(byte[] payload) {
        return concat(new byte[] {2, 0, 0, 0}, payload);
    }

    public static byte[] concat(byte[]... parts) {
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
