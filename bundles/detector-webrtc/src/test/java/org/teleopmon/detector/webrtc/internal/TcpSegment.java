package org.teleopmon.detector.webrtc.internal;

import java.net.InetAddress;

import org.teleopmon.api.capture.Packet;

/** A TCP segment for tests: the addressing and payload of a built frame, with TCP's sequence and flags. */
final class TcpSegment implements Packet {

    private final UdpPacket frame;
    private final long sequence;
    private final int flags;

    TcpSegment(long nanos, String src, int srcPort, String dst, int dstPort, long sequence, int flags,
            byte[] payload) {
        this.frame = UdpPacket.of(nanos, src, srcPort, dst, dstPort, payload);
        this.sequence = sequence;
        this.flags = flags;
    }

    @Override
    public int transport() {
        return TCP;
    }

    @Override
    public long tcpSeq() {
        return sequence;
    }

    @Override
    public int tcpFlags() {
        return flags;
    }

    @Override
    public long tcpAck() {
        return 0;
    }

    @Override
    public long timestampNanos() {
        return frame.timestampNanos();
    }

    @Override
    public int ipVersion() {
        return frame.ipVersion();
    }

    @Override
    public int srcPort() {
        return frame.srcPort();
    }

    @Override
    public int dstPort() {
        return frame.dstPort();
    }

    @Override
    public byte[] array() {
        return frame.array();
    }

    @Override
    public int srcAddressOffset() {
        return frame.srcAddressOffset();
    }

    @Override
    public int dstAddressOffset() {
        return frame.dstAddressOffset();
    }

    @Override
    public int payloadOffset() {
        return frame.payloadOffset();
    }

    @Override
    public int payloadLength() {
        return frame.payloadLength();
    }

    @Override
    public int declaredPayloadLength() {
        return frame.declaredPayloadLength();
    }

    @Override
    public int wireLength() {
        return frame.wireLength();
    }

    @Override
    public InetAddress srcAddress() {
        return frame.srcAddress();
    }

    @Override
    public InetAddress dstAddress() {
        return frame.dstAddress();
    }
}
