package org.teleopmon.detector.network.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.teleopmon.api.capture.Packet;

/**
 * One TCP or UDP flow, both directions, between end A (the first packet's source, or the local end of a
 * socket) and end B. The objects live in the {@link FlowTable}'s pool and are reused: nothing here is
 * allocated per packet, and the decoders a flow needs (TLS records, WebSocket) stay with the pool slot.
 */
final class Flow {

    /** Where a flow's counts come from. */
    enum Source {
        /** Captured packets (UDP, and TCP on the VR and web_control ports). */
        CAPTURE,
        /** The kernel's socket table (other TCP connections): counters per reading, no packet times. */
        KERNEL
    }

    /** Which decoder a flow's payload goes through. */
    enum Kind {
        PLAIN, VR, WEB
    }

    static final int NO_SIDE = 0;
    static final int SIDE_A = 1;
    static final int SIDE_B = 2;

    final int slot;
    final byte[] addressA = new byte[16];
    final byte[] addressB = new byte[16];
    final DirectionStats ab = new DirectionStats(NetworkSettings.BUCKETS);
    final DirectionStats ba = new DirectionStats(NetworkSettings.BUCKETS);
    final StreamPosition seqAb = new StreamPosition();
    final StreamPosition seqBa = new StreamPosition();
    final PayloadHint hint = new PayloadHint();
    int addressLength;
    int portA;
    int portB;
    int transport;
    int hash;
    long id;
    long createdNanos;
    long lastNanos;
    Source source;
    Kind kind;
    long cookie;
    long kernelSegmentsOut;
    long kernelSegmentsIn;
    long kernelBytesOut;
    long kernelBytesIn;
    long kernelReadNanos;
    boolean aLocal;
    boolean bLocal;
    boolean knownPort;
    /** To a multicast or broadcast address (mDNS, SSDP, discovery): never a teleop link. */
    boolean groupcast;
    /** The side that listens (TCP server), when known. */
    int server;
    /** The side that sent the first FIN or RST, when one was seen. */
    int closedBy;
    boolean resetSeen;
    int finMask;
    long closedNanos;
    /** At the first FIN/RST of a VR flow: the client's last record and the server's one-before-last record. */
    long closeClientLastNanos;
    long closeServerPreviousNanos;
    TlsRecords tlsAb;
    TlsRecords tlsBa;
    WebControl web;
    FlowClass flowClass = FlowClass.NONE;
    /** Whether the class is carried by A→B (else B→A). */
    boolean classAb;
    long classSince;
    /** The class's rate: VR records/s up, commands/s, control messages/s, or video frames (bursts)/s. */
    double classRateHz = Double.NaN;
    /** Both directions' bitrate in the window, Mbit/s. */
    double mbps;
    /** The class's evidence, for the reason, the shell and /detectors (made on the tick). */
    String evidence = "";
    /** Whether this VR/web_control connection was classified active since it opened (its end is reported). */
    boolean wasSession;
    /** Counted by the detector as teleoperation evidence: kept in the table before anything else. */
    boolean pinned;
    private String textA;
    private String textB;

    Flow(int slot) {
        this.slot = slot;
    }

    /** Resets the slot for a new flow from A to B. */
    void open(long flowId, int transport, byte[] a, int aOffset, int aPort, byte[] b, int bOffset, int bPort,
            int length, int hash, long now, Source source) {
        this.id = flowId;
        this.transport = transport;
        this.addressLength = length;
        System.arraycopy(a, aOffset, addressA, 0, length);
        System.arraycopy(b, bOffset, addressB, 0, length);
        this.portA = aPort;
        this.portB = bPort;
        this.hash = hash;
        this.createdNanos = now;
        this.lastNanos = now;
        this.source = source;
        this.kind = Kind.PLAIN;
        this.cookie = 0;
        this.kernelSegmentsOut = kernelSegmentsIn = kernelBytesOut = kernelBytesIn = -1;
        this.kernelReadNanos = 0;
        this.aLocal = bLocal = knownPort = groupcast = false;
        this.server = NO_SIDE;
        this.closedBy = NO_SIDE;
        this.resetSeen = false;
        this.finMask = 0;
        this.closedNanos = 0;
        this.closeClientLastNanos = closeServerPreviousNanos = 0;
        this.flowClass = FlowClass.NONE;
        this.classAb = true;
        this.classSince = 0;
        this.classRateHz = Double.NaN;
        this.mbps = 0;
        this.evidence = "";
        this.wasSession = false;
        this.pinned = false;
        this.textA = textB = null;
        ab.reset();
        ba.reset();
        seqAb.reset();
        seqBa.reset();
        hint.reset();
    }

    /** Whether the 5-tuple is this flow's, in either direction. */
    boolean matches(int proto, byte[] b, int srcOffset, int srcPort, int dstOffset, int dstPort, int length) {
        if (proto != transport || length != addressLength) {
            return false;
        }
        if (srcPort == portA && dstPort == portB && same(addressA, b, srcOffset, length)
                && same(addressB, b, dstOffset, length)) {
            return true;
        }
        return srcPort == portB && dstPort == portA && same(addressB, b, srcOffset, length)
                && same(addressA, b, dstOffset, length);
    }

    /** Whether a packet of this flow goes from A to B. */
    boolean fromA(Packet p) {
        return p.srcPort() == portA && p.dstPort() == portB && same(addressA, p.array(), p.srcAddressOffset(), addressLength)
                && same(addressB, p.array(), p.dstAddressOffset(), addressLength);
    }

    DirectionStats direction(boolean fromA) {
        return fromA ? ab : ba;
    }

    /** What {@code side} sent. */
    DirectionStats from(int side) {
        return side == SIDE_A ? ab : ba;
    }

    static int other(int side) {
        return side == SIDE_A ? SIDE_B : SIDE_A;
    }

    /** The sending side of the class's direction. */
    int classSender() {
        return classAb ? SIDE_A : SIDE_B;
    }

    boolean isLocal(int side) {
        return side == SIDE_A ? aLocal : bLocal;
    }

    /** The side's address as text (made once). */
    String address(int side) {
        if (side == SIDE_A) {
            if (textA == null) {
                textA = text(addressA, addressLength);
            }
            return textA;
        }
        if (textB == null) {
            textB = text(addressB, addressLength);
        }
        return textB;
    }

    int port(int side) {
        return side == SIDE_A ? portA : portB;
    }

    String endpoint(int side) {
        String address = address(side);
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port(side);
    }

    /** The client's side for a TCP flow whose server is known; else B when A is local, else A. */
    int clientSide() {
        if (server != NO_SIDE) {
            return server == SIDE_A ? SIDE_B : SIDE_A;
        }
        return aLocal && !bLocal ? SIDE_B : SIDE_A;
    }

    /** Whether either side sent a FIN or RST: the connection is ending. */
    boolean closing() {
        return closedBy != NO_SIDE;
    }

    boolean closed() {
        return resetSeen || finMask == (SIDE_A | SIDE_B);
    }

    String protocolLabel() {
        String base = transport == Packet.TCP ? "tcp" : "udp";
        if (kind == Kind.VR) {
            return tlsAb != null && (tlsAb.seen() || tlsBa.seen()) ? "tls" : base;
        }
        if (kind == Kind.WEB) {
            return web != null && web.webSocket() ? "websocket" : base;
        }
        return hint.webRtc() ? base + "/rtp" : base;
    }

    /** Whether the 4 or 16 address bytes at {@code offset} are multicast or the IPv4 limited broadcast. */
    static boolean groupcast(byte[] b, int offset, int length) {
        int first = b[offset] & 0xFF;
        if (length == 16) {
            return first == 0xFF;
        }
        boolean broadcast = first == 255 && (b[offset + 1] & b[offset + 2] & b[offset + 3] & 0xFF) == 0xFF;
        return first >= 224 && first <= 239 || broadcast;
    }

    private static boolean same(byte[] mine, byte[] b, int offset, int length) {
        return Arrays.equals(mine, 0, length, b, offset, offset + length);
    }

    private static String text(byte[] address, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOf(address, length)).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
