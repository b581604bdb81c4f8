package org.teleopmon.detector.webrtc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.teleopmon.api.capture.Packet;

/** A captured packet copied out of the capture's reused view, with a timestamp that can be shifted. */
final class CopiedPacket implements Packet {

    private final byte[] frame;
    private final int ipVersion;
    private final int transport;
    private final int srcPort;
    private final int dstPort;
    private final int srcOffset;
    private final int dstOffset;
    private final int payloadOffset;
    private final int payloadLength;
    private final int declaredLength;
    private final int wireLength;
    final long recordedNanos;
    long timestampNanos;

    CopiedPacket(Packet p) {
        this.frame = Arrays.copyOf(p.array(), p.array().length);
        this.ipVersion = p.ipVersion();
        this.transport = p.transport();
        this.srcPort = p.srcPort();
        this.dstPort = p.dstPort();
        this.srcOffset = p.srcAddressOffset();
        this.dstOffset = p.dstAddressOffset();
        this.payloadOffset = p.payloadOffset();
        this.payloadLength = p.payloadLength();
        this.declaredLength = p.declaredPayloadLength();
        this.wireLength = p.wireLength();
        this.recordedNanos = p.timestampNanos();
        this.timestampNanos = recordedNanos;
    }

    @Override
    public long timestampNanos() {
        return timestampNanos;
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
        return srcOffset;
    }

    @Override
    public int dstAddressOffset() {
        return dstOffset;
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
        return declaredLength;
    }

    @Override
    public int wireLength() {
        return wireLength;
    }

    @Override
    public InetAddress srcAddress() {
        return address(srcOffset);
    }

    @Override
    public InetAddress dstAddress() {
        return address(dstOffset);
    }

    private InetAddress address(int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(frame, offset, offset + addressLength()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
