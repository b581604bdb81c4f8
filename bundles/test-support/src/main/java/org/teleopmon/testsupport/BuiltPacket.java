package org.teleopmon.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.teleopmon.api.capture.Packet;

/**
 * A {@link Packet} over a real frame built by {@link Frames} (Ethernet, IPv4 or IPv6 without
 * options, TCP or UDP), with the offsets the capture service's decoder finds in such a frame, or a
 * copy of a packet the capture delivered (the capture reuses its own). Unlike the capture's packet it
 * stays valid, so tests can keep lists of them. The payload may be cut short of what the headers
 * declare, as a snap length does.
 */
public final class BuiltPacket implements Packet {

    private static final int ETHERNET = 14;

    private final byte[] frame;
    private final long nanos;
    private final int ipVersion;
    private final int transport;
    private final int srcPort;
    private final int dstPort;
    private final long seq;
    private final long ack;
    private final int flags;
    private final int srcAddressOffset;
    private final int dstAddressOffset;
    private final int payloadOffset;
    private final int payloadLength;
    private final int declaredPayloadLength;
    private final int wireLength;

    private BuiltPacket(byte[] frame, long nanos, int ipVersion, int transport, int srcPort, int dstPort, long seq,
            long ack, int flags, int srcAddressOffset, int dstAddressOffset, int payloadOffset, int payloadLength,
            int declaredPayloadLength, int wireLength) {
        this.frame = frame;
        this.nanos = nanos;
        this.ipVersion = ipVersion;
        this.transport = transport;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.seq = seq;
        this.ack = ack;
        this.flags = flags;
        this.srcAddressOffset = srcAddressOffset;
        this.dstAddressOffset = dstAddressOffset;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        this.declaredPayloadLength = declaredPayloadLength;
        this.wireLength = wireLength;
    }

    /** A UDP datagram between two IPv4 or IPv6 endpoints (literal addresses). */
    public static BuiltPacket udp(long nanos, String src, int srcPort, String dst, int dstPort, byte[] payload) {
        return udpSnapped(nanos, src, srcPort, dst, dstPort, payload, payload.length);
    }

    /** The datagram with only the first {@code captured} payload bytes in the frame. */
    public static BuiltPacket udpSnapped(long nanos, String src, int srcPort, String dst, int dstPort, byte[] payload,
            int captured) {
        return build(nanos, Packet.UDP, src, srcPort, dst, dstPort, 0, 0, 0, payload, captured);
    }

    /** A TCP segment carrying {@code length} bytes of {@code data} from {@code offset}; no ack, no options. */
    public static BuiltPacket tcp(long nanos, String src, int srcPort, String dst, int dstPort, long seq, int flags,
            byte[] data, int offset, int length) {
        byte[] payload = Arrays.copyOfRange(data, offset, offset + length);
        return build(nanos, Packet.TCP, src, srcPort, dst, dstPort, seq, 0, flags, payload, length);
    }

    /** A TCP segment carrying the whole of {@code payload}. */
    public static BuiltPacket tcp(long nanos, String src, int srcPort, String dst, int dstPort, long seq, int flags,
            byte[] payload) {
        return tcp(nanos, src, srcPort, dst, dstPort, seq, flags, payload, 0, payload.length);
    }

    /** A copy of any packet, such as one the capture delivered (valid only during its call). */
    public static BuiltPacket copyOf(Packet p) {
        return new BuiltPacket(p.array().clone(), p.timestampNanos(), p.ipVersion(), p.transport(), p.srcPort(),
                p.dstPort(), p.tcpSeq(), p.tcpAck(), p.tcpFlags(), p.srcAddressOffset(), p.dstAddressOffset(),
                p.payloadOffset(), p.payloadLength(), p.declaredPayloadLength(), p.wireLength());
    }

    /** This packet over a frame cut to {@code length} bytes while its offsets stay: a broken capture. */
    public BuiltPacket frameCutTo(int length) {
        return new BuiltPacket(Arrays.copyOf(frame, length), nanos, ipVersion, transport, srcPort, dstPort, seq, ack,
                flags, srcAddressOffset, dstAddressOffset, payloadOffset, payloadLength, declaredPayloadLength,
                wireLength);
    }

    private static BuiltPacket build(long nanos, int transport, String src, int srcPort, String dst, int dstPort,
            long seq, long ack, int flags, byte[] payload, int captured) {
        byte[] s = address(src);
        byte[] d = address(dst);
        if (s.length != d.length) {
            throw new IllegalArgumentException("mixed IPv4 and IPv6: " + src + " > " + dst);
        }
        boolean v4 = s.length == 4;
        byte[] segment = transport == Packet.TCP ? Frames.tcp(srcPort, dstPort, seq, ack, flags, new byte[0], payload)
                : Frames.udp(srcPort, dstPort, payload);
        byte[] ip = v4 ? Frames.ipv4(s, d, transport, new byte[0], 0x4000, segment)
                : Frames.ipv6(s, d, transport, new byte[0], segment);
        byte[] whole = Frames.ethernet(v4 ? Frames.ETHERTYPE_IPV4 : Frames.ETHERTYPE_IPV6, ip);
        int ipHeader = v4 ? 20 : 40;
        int payloadOffset = ETHERNET + ipHeader + (transport == Packet.TCP ? 20 : 8);
        int srcOffset = ETHERNET + (v4 ? 12 : 8);
        return new BuiltPacket(Arrays.copyOf(whole, payloadOffset + captured), nanos, v4 ? 4 : 6, transport, srcPort,
                dstPort, seq, ack, flags, srcOffset, srcOffset + s.length, payloadOffset, captured, payload.length,
                whole.length);
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }

    @Override
    public long timestampNanos() {
        return nanos;
    }

    @Override
    public int ipVersion() {
        return ipVersion;
    }

    @Override
    public int transport() {
        return transport;
    }

    @Override
    public int srcPort() {
        return srcPort;
    }

    @Override
    public int dstPort() {
        return dstPort;
    }

    @Override
    public long tcpSeq() {
        return seq;
    }

    @Override
    public long tcpAck() {
        return ack;
    }

    @Override
    public int tcpFlags() {
        return flags;
    }

    @Override
    public byte[] array() {
        return frame;
    }

    @Override
    public int srcAddressOffset() {
        return srcAddressOffset;
    }

    @Override
    public int dstAddressOffset() {
        return dstAddressOffset;
    }

    @Override
    public int payloadOffset() {
        return payloadOffset;
    }

    @Override
    public int payloadLength() {
        return payloadLength;
    }

    @Override
    public int declaredPayloadLength() {
        return declaredPayloadLength;
    }

    @Override
    public int wireLength() {
        return wireLength;
    }

    @Override
    public InetAddress srcAddress() {
        return at(srcAddressOffset);
    }

    @Override
    public InetAddress dstAddress() {
        return at(dstAddressOffset);
    }

    private InetAddress at(int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(frame, offset, offset + addressLength()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    @Override
    public String toString() {
        return (transport == TCP ? "TCP " : "UDP ") + srcAddress().getHostAddress() + ":" + srcPort + " > "
                + dstAddress().getHostAddress() + ":" + dstPort + " payload " + payloadLength + "/" + declaredPayloadLength;
    }
}
