package org.teleopmon.detector.webrtc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.teleopmon.api.capture.Packet;

/**
 * A UDP packet over a built Ethernet + IPv4/IPv6 + UDP frame, laid out as the capture service lays
 * out its frames; the payload may be cut short of what the headers declare, as a snap length does.
 */
final class UdpPacket implements Packet {

    private final byte[] frame;
    private final long nanos;
    private final int version;
    private final int srcPort;
    private final int dstPort;
    private final int payloadOffset;
    private final int captured;
    private final int declared;

    private UdpPacket(byte[] frame, long nanos, int version, int srcPort, int dstPort, int payloadOffset, int captured,
            int declared) {
        this.frame = frame;
        this.nanos = nanos;
        this.version = version;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.payloadOffset = payloadOffset;
        this.captured = captured;
        this.declared = declared;
    }

    static UdpPacket of(long nanos, String src, int srcPort, String dst, int dstPort, byte[] payload) {
        return snapped(nanos, src, srcPort, dst, dstPort, payload, payload.length);
    }

    /** The packet with only the first {@code captured} payload bytes in the frame. */
    static UdpPacket snapped(long nanos, String src, int srcPort, String dst, int dstPort, byte[] payload,
            int captured) {
        byte[] s = Wire.address(src);
        byte[] d = Wire.address(dst);
        boolean v4 = s.length == 4;
        int udp = v4 ? 34 : 54;
        Wire w = Wire.of().zeros(12).u16(v4 ? 0x0800 : 0x86DD);
        if (v4) {
            // RFC 791: version/IHL, TOS, total length, id, flags/fragment, TTL, protocol, checksum.
            w.u8(0x45).u8(0).u16(20 + 8 + payload.length).u16(1).u16(0x4000).u8(64).u8(Packet.UDP).u16(0);
        } else {
            // RFC 8200: version/class/flow, payload length, next header, hop limit.
            w.u32(0x6000_0000L).u16(8 + payload.length).u8(Packet.UDP).u8(64);
        }
        w.bytes(s).bytes(d).u16(srcPort).u16(dstPort).u16(8 + payload.length).u16(0);
        w.bytes(java.util.Arrays.copyOf(payload, captured));
        return new UdpPacket(w.build(), nanos, v4 ? 4 : 6, srcPort, dstPort, udp + 8, captured, payload.length);
    }

    /**
     * A copy of a captured UDP packet (the capture reuses its view), which must be laid out like
     * this class's frames: Ethernet, then IPv4 without options or IPv6 without extension headers.
     */
    static UdpPacket copyOf(Packet p) {
        UdpPacket copy = new UdpPacket(java.util.Arrays.copyOf(p.array(), p.array().length), p.timestampNanos(),
                p.ipVersion(), p.srcPort(), p.dstPort(), p.payloadOffset(), p.payloadLength(),
                p.declaredPayloadLength());
        if (p.transport() != UDP || copy.srcAddressOffset() != p.srcAddressOffset()
                || copy.dstAddressOffset() != p.dstAddressOffset()) {
            throw new IllegalArgumentException("not an Ethernet UDP frame without IP options");
        }
        return copy;
    }

    /** This packet over a frame cut to {@code length} bytes while its offsets stay: a broken capture. */
    UdpPacket frameCutTo(int length) {
        return new UdpPacket(java.util.Arrays.copyOf(frame, length), nanos, version, srcPort, dstPort, payloadOffset,
                captured, declared);
    }

    @Override
    public long timestampNanos() {
        return nanos;
    }

    @Override
    public int ipVersion() {
        return version;
    }

    @Override
    public int transport() {
        return UDP;
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
        return 0;
    }

    @Override
    public long tcpAck() {
        return 0;
    }

    @Override
    public int tcpFlags() {
        return 0;
    }

    @Override
    public byte[] array() {
        return frame;
    }

    @Override
    public int srcAddressOffset() {
        return version == 4 ? 26 : 22;
    }

    @Override
    public int dstAddressOffset() {
        return version == 4 ? 30 : 38;
    }

    @Override
    public int payloadOffset() {
        return payloadOffset;
    }

    @Override
    public int payloadLength() {
        return captured;
    }

    @Override
    public int declaredPayloadLength() {
        return declared;
    }

    @Override
    public int wireLength() {
        return payloadOffset + declared;
    }

    @Override
    public InetAddress srcAddress() {
        return address(srcAddressOffset());
    }

    @Override
    public InetAddress dstAddress() {
        return address(dstAddressOffset());
    }

    private InetAddress address(int offset) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(frame, offset, offset + addressLength()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
