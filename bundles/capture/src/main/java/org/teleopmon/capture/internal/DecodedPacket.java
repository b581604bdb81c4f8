package org.teleopmon.capture.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.teleopmon.api.capture.Packet;

/** The flyweight every listener sees: {@link PacketDecoder} refills it for each frame. */
final class DecodedPacket implements Packet {

    byte[] array;
    long timestampNanos;
    int wireLength;
    int ipVersion;
    int transport;
    int srcAddressOffset;
    int dstAddressOffset;
    int srcPort;
    int dstPort;
    long tcpSeq;
    long tcpAck;
    int tcpFlags;
    int payloadOffset;
    int payloadLength;
    int declaredPayloadLength;

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
        return tcpSeq;
    }

    @Override
    public long tcpAck() {
        return tcpAck;
    }

    @Override
    public int tcpFlags() {
        return tcpFlags;
    }

    @Override
    public byte[] array() {
        return array;
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
        return address(srcAddressOffset);
    }

    @Override
    public InetAddress dstAddress() {
        return address(dstAddressOffset);
    }

    private InetAddress address(int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(array, offset, offset + addressLength()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    @Override
    public String toString() {
        return (transport == TCP ? "TCP" : "UDP") + " " + srcAddress().getHostAddress() + ":" + srcPort + " > "
                + dstAddress().getHostAddress() + ":" + dstPort + " payload " + payloadLength + "/" + declaredPayloadLength;
    }
}
