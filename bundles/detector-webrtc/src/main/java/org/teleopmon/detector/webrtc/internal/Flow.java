package org.teleopmon.detector.webrtc.internal;

import org.teleopmon.api.capture.Packet;

/**
 * One UDP 5-tuple that carried something WebRTC-like. The endpoint that sorts lower is "A";
 * direction 0 is A to B. Holds the counters the packet path updates; grouping into calls and
 * judging happen on the tick.
 */
final class Flow {

    final int ipVersion;
    /** {@link Packet#UDP}, or {@link Packet#TCP} for TURN over TCP and ICE-TCP. */
    final int transport;
    /** One framer per direction, for TCP flows only. */
    TcpFramer[] framers;
    final byte[] addressA = new byte[16];
    final byte[] addressB = new byte[16];
    final int portA;
    final int portB;
    final String endpointA;
    final String endpointB;
    final String hostA;
    final String hostB;
    /** The flow's own call key, for a call without ICE. */
    final String flowCallKey;
    private String iceCallKey;
    final int hash;

    final long firstNanos;
    long lastNanos;
    final long[] packets = new long[2];
    final long[] bytes = new long[2];
    final RateWindow[] traffic = new RateWindow[2];
    long otherPackets;
    /** DTLS records after the handshake (SCTP data channels, DTLS 1.3 ACKs), both directions. */
    final RateWindow dataChannel;
    /** Set when something that can change the call's state happened; the detector clears it. */
    boolean changed = true;

    final DtlsState dtls = new DtlsState();
    final StunTransactions transactions = new StunTransactions();
    long bindingRequests;
    long bindingResponses;
    long lastBindingNanos;
    /** When an encrypted DTLS alert (close_notify) closed this flow's association; 0 while open. */
    long closedNanos;
    /** The direction (0 = from A, 1 = from B) that sent it. */
    int closedBy;
    /** The ICE session: the two username fragments, sorted, from a Binding request's USERNAME. */
    String iceSession;
    /** Latest round trip measured by the side in each direction's sending end, or -1. */
    final long[] rttNanos = {-1, -1};
    final long[] rttAtNanos = new long[2];
    long rttSamples;

    boolean turn;
    String turnPeer;

    final MediaStream[] streams;
    int streamCount;
    long streamsRefused;

    Flow(Packet p, int hash, long now, Settings settings) {
        int length = p.addressLength();
        byte[] b = p.array();
        boolean srcFirst = compare(b, p.srcAddressOffset(), p.srcPort(), b, p.dstAddressOffset(), p.dstPort(), length) <= 0;
        int offA = srcFirst ? p.srcAddressOffset() : p.dstAddressOffset();
        int offB = srcFirst ? p.dstAddressOffset() : p.srcAddressOffset();
        this.ipVersion = p.ipVersion();
        this.transport = p.transport();
        System.arraycopy(b, offA, addressA, 0, length);
        System.arraycopy(b, offB, addressB, 0, length);
        this.portA = srcFirst ? p.srcPort() : p.dstPort();
        this.portB = srcFirst ? p.dstPort() : p.srcPort();
        this.hostA = Addresses.text(addressA, 0, length);
        this.hostB = Addresses.text(addressB, 0, length);
        this.endpointA = Addresses.endpoint(hostA, portA);
        this.endpointB = Addresses.endpoint(hostB, portB);
        this.flowCallKey = "flow:" + (transport == Packet.TCP ? "tcp:" : "") + endpointA + "-" + endpointB;
        this.hash = hash;
        this.firstNanos = now;
        this.lastNanos = now;
        this.streams = new MediaStream[settings.maxStreamsPerFlow()];
        this.dataChannel = new RateWindow(settings.windowNanos(), Settings.BUCKET_NANOS);
        for (int d = 0; d < 2; d++) {
            traffic[d] = new RateWindow(settings.windowNanos(), Settings.BUCKET_NANOS);
        }
    }

    /** 0 when the packet goes from A to B, 1 from B to A, -1 when it is not of this flow. */
    int direction(Packet p) {
        byte[] b = p.array();
        int length = p.addressLength();
        if (p.ipVersion() != ipVersion || p.transport() != transport) {
            return -1;
        }
        if (p.srcPort() == portA && p.dstPort() == portB && same(b, p.srcAddressOffset(), addressA, length)
                && same(b, p.dstAddressOffset(), addressB, length)) {
            return 0;
        }
        if (p.srcPort() == portB && p.dstPort() == portA && same(b, p.srcAddressOffset(), addressB, length)
                && same(b, p.dstAddressOffset(), addressA, length)) {
            return 1;
        }
        return -1;
    }

    void count(long now, int dir, int length) {
        lastNanos = Math.max(lastNanos, now);
        packets[dir]++;
        bytes[dir] += length;
        traffic[dir].add(now, 1, length, 0, 0);
    }

    /** The stream of this SSRC and direction, created when there is room, else null. */
    MediaStream stream(long ssrc, int dir, long now, Settings settings) {
        for (int i = 0; i < streamCount; i++) {
            if (streams[i].ssrc == ssrc && streams[i].direction == dir) {
                return streams[i];
            }
        }
        if (streamCount == streams.length && !evictUnproven()) {
            streamsRefused++;
            return null;
        }
        MediaStream created = new MediaStream(ssrc, dir, now, settings.windowNanos(), Settings.BUCKET_NANOS);
        streams[streamCount++] = created;
        return created;
    }

    /** Whether another stream going the same way recently sent a frame with this timestamp. */
    boolean mirrors(MediaStream stream, long timestamp) {
        for (int i = 0; i < streamCount; i++) {
            MediaStream other = streams[i];
            if (other != stream && other.direction == stream.direction && other.sentRecently(timestamp)) {
                return true;
            }
        }
        return false;
    }

    private boolean evictUnproven() {
        for (int i = 0; i < streamCount; i++) {
            if (!streams[i].valid()) {
                streams[i] = streams[--streamCount];
                streams[streamCount] = null;
                return true;
            }
        }
        return false;
    }

    /** Whether the flow showed WebRTC for sure: an answered check, an ICE username, DTLS or valid RTP. */
    boolean proven() {
        if (bindingResponses > 0 || iceSession != null || dtls.seen() || turn) {
            return true;
        }
        for (int i = 0; i < streamCount; i++) {
            if (streams[i].valid()) {
                return true;
            }
        }
        return false;
    }

    /** The call key of the flow's ICE session, built once: calls are regrouped on every tick. */
    String iceCallKey() {
        if (iceCallKey == null) {
            iceCallKey = "ice:" + iceSession;
        }
        return iceCallKey;
    }

    /** Whether the flow changed in a way that matters to calls since the last call; clears it. */
    boolean takeChange() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** The framer of one direction of a TCP flow; a SYN starts the direction afresh. */
    TcpFramer framer(int dir, boolean syn) {
        if (framers == null) {
            framers = new TcpFramer[2];
        }
        if (framers[dir] == null || syn) {
            framers[dir] = new TcpFramer(TCP_MAX_FRAME);
        }
        return framers[dir];
    }

    /** WebRTC packets fit a datagram; a larger limit makes false boundaries in encrypted bytes likelier. */
    static final int TCP_MAX_FRAME = 2000;

    String endpoint(int side) {
        return side == 0 ? endpointA : endpointB;
    }

    String host(int side) {
        return side == 0 ? hostA : hostB;
    }

    static int hash(byte[] b, int srcOff, int srcPort, int dstOff, int dstPort, int length) {
        int h1 = srcPort;
        int h2 = dstPort;
        for (int i = 0; i < length; i++) {
            h1 = h1 * 31 + b[srcOff + i];
            h2 = h2 * 31 + b[dstOff + i];
        }
        // Symmetric, so both directions of a flow land in the same slot.
        int h = h1 ^ h2;
        return h ^ h >>> 16;
    }

    private static int compare(byte[] b1, int off1, int port1, byte[] b2, int off2, int port2, int length) {
        int c = java.util.Arrays.compareUnsigned(b1, off1, off1 + length, b2, off2, off2 + length);
        return c != 0 ? c : Integer.compare(port1, port2);
    }

    private static boolean same(byte[] b, int off, byte[] address, int length) {
        return java.util.Arrays.equals(b, off, off + length, address, 0, length);
    }
}
