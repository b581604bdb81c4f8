package org.teleopmon.detector.zmq.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.teleopmon.api.capture.Packet;

/** An IPv4 TCP packet view over a built array, laid out as the capture service lays out its frames. */
final class TestPacket implements Packet {

    private static final int SRC = 26;
    private static final int DST = 30;
    private static final int PAYLOAD = 54;

    private final byte[] frame;
    private final long nanos;
    private final int srcPort;
    private final int dstPort;
    private final long seq;
    private final int flags;
    private final int length;
    private final int declared;

    private TestPacket(byte[] frame, long nanos, int srcPort, int dstPort, long seq, int flags, int length,
            int declared) {
        this.frame = frame;
        this.nanos = nanos;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.seq = seq;
        this.flags = flags;
        this.length = length;
        this.declared = declared;
    }

    static TestPacket of(long nanos, String src, int srcPort, String dst, int dstPort, long seq, int flags,
            byte[] data, int offset, int length) {
        byte[] frame = new byte[PAYLOAD + length];
        try {
            System.arraycopy(InetAddress.getByName(src).getAddress(), 0, frame, SRC, 4);
            System.arraycopy(InetAddress.getByName(dst).getAddress(), 0, frame, DST, 4);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        System.arraycopy(data, offset, frame, PAYLOAD, length);
        return new TestPacket(frame, nanos, srcPort, dstPort, seq, flags, length, length);
    }

    @Override
    public long timestampNanos() {
        return nanos;
    }

    @Override
    public int ipVersion() {
        return 4;
    }

    @Override
    public int transport() {
        return TCP;
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
        return 0;
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
        return SRC;
    }

    @Override
    public int dstAddressOffset() {
        return DST;
    }

    @Override
    public int payloadOffset() {
        return PAYLOAD;
    }

    @Override
    public int payloadLength() {
        return length;
    }

    @Override
    public int declaredPayloadLength() {
        return declared;
    }

    @Override
    public int wireLength() {
        return frame.length;
    }

    @Override
    public InetAddress srcAddress() {
        return address(SRC);
    }

    @Override
    public InetAddress dstAddress() {
        return address(DST);
    }

    private InetAddress address(int offset) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(frame, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
