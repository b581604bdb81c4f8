package org.teleopmon.detector.webrtc.internal;

import org.teleopmon.api.capture.Packet;

/**
 * The packet path: classifies each UDP payload by content, finds its flow and hands the payload to
 * the STUN, DTLS or RTP bookkeeping; TURN ChannelData and Send/Data indications are opened and
 * their inner packet handled on the same flow. Not thread-safe: the detector serialises calls.
 */
final class WebRtcTraffic implements TcpFramer.Sink {

    final Settings settings;
    final FlowTable flows;
    private final int[] direction = new int[1];
    long packets;
    long ignored;
    long malformed;
    private Flow framedFlow;
    private int framedDirection;
    private long framedNanos;

    WebRtcTraffic(Settings settings) {
        this.settings = settings;
        this.flows = new FlowTable(settings);
    }

    /** Takes one UDP packet; returns the flow it belonged to, or null when it was not WebRTC-like. */
    Flow udp(Packet p) {
        packets++;
        byte[] b = p.array();
        int off = p.payloadOffset();
        int len = p.payloadLength();
        int declared = Math.max(len, p.declaredPayloadLength());
        Demux.Kind kind = Demux.classify(b, off, len, declared);
        Flow flow = flow(p, kind != Demux.Kind.OTHER && (kind != Demux.Kind.CHANNEL_DATA || turnPort(p)));
        if (flow == null) {
            return null;
        }
        int dir = direction[0];
        long now = p.timestampNanos();
        flow.count(now, dir, declared);
        handle(flow, kind, b, off, len, declared, dir, now, true);
        return flow;
    }

    /**
     * Takes one TCP segment on a followed port (TURN over TCP, ICE-TCP): its bytes are framed back
     * into packets, each handled as a datagram of the flow. Returns the flow.
     */
    Flow tcp(Packet p) {
        packets++;
        boolean syn = (p.tcpFlags() & Packet.TCP_SYN) != 0;
        Flow flow = flow(p, p.payloadLength() > 0 || syn);
        if (flow == null) {
            return null;
        }
        int dir = direction[0];
        long now = p.timestampNanos();
        TcpFramer framer = flow.framer(dir, syn);
        if (p.payloadLength() > 0) {
            flow.count(now, dir, p.payloadLength());
            framedFlow = flow;
            framedDirection = dir;
            framedNanos = now;
            long malformedBefore = framer.malformed();
            framer.segment(p.tcpSeq(), p.array(), p.payloadOffset(), p.payloadLength(), this);
            malformed += framer.malformed() - malformedBefore;
        }
        return flow;
    }

    /** The packet's flow, its direction in {@code direction[0]}; created when {@code worthAFlow}. */
    private Flow flow(Packet p, boolean worthAFlow) {
        Flow flow = flows.find(p, direction);
        if (flow != null) {
            return flow;
        }
        if (!worthAFlow) {
            ignored++;
            return null;
        }
        flow = flows.create(p, p.timestampNanos(), direction);
        if (flow != null) {
            flow.turn = turnPort(p);
        }
        return flow;
    }

    @Override
    public void frame(byte[] buf, int off, int len) {
        handle(framedFlow, Demux.classify(buf, off, len), buf, off, len, len, framedDirection, framedNanos, true);
    }

    /**
     * One packet (or a TURN-wrapped inner packet) of a known flow, of which {@code len} bytes were
     * captured out of {@code declared}.
     */
    void handle(Flow flow, Demux.Kind kind, byte[] b, int off, int len, int declared, int dir, long now,
            boolean outer) {
        switch (kind) {
            case STUN -> stun(flow, b, off, len, dir, now, outer);
            case DTLS -> dtls(flow, b, off, len, declared, dir, now);
            case CHANNEL_DATA -> {
                if (outer && flow.turn) {
                    inner(flow, b, off + 4, len - 4, Bytes.u16(b, off + 2), dir, now);
                } else {
                    flow.otherPackets++;
                }
            }
            case RTP -> rtp(flow, b, off, declared, dir, now);
            case RTCP -> {
                // Counted in the flow's bytes; SRTCP reports are encrypted past the first header.
            }
            default -> flow.otherPackets++;
        }
    }

    private void dtls(Flow flow, byte[] b, int off, int len, int declared, int dir, long now) {
        DtlsState dtls = flow.dtls;
        boolean seen = dtls.seen();
        int version = dtls.version;
        long records = dtls.dataRecords;
        long bytes = dtls.dataBytes;
        long closeAlerts = dtls.closeAlerts;
        if (!Dtls.read(b, off, len, declared, dtls)) {
            dtls.malformed++;
            malformed++;
        }
        if (dtls.dataRecords > records) {
            flow.dataChannel.add(now, dtls.dataRecords - records, dtls.dataBytes - bytes, 0, 0);
        }
        if (dtls.closeAlerts > closeAlerts && flow.closedNanos == 0) {
            flow.closedNanos = now;
            flow.closedBy = dir;
            flow.changed = true;
        }
        flow.changed |= seen != dtls.seen() || version != dtls.version;
    }

    private void inner(Flow flow, byte[] b, int off, int captured, int declared, int dir, long now) {
        int len = Math.max(0, Math.min(captured, declared));
        handle(flow, Demux.classify(b, off, len, declared), b, off, len, declared, dir, now, false);
    }

    private void stun(Flow flow, byte[] b, int off, int len, int dir, long now, boolean outer) {
        int method = Stun.method(b, off);
        int type = Stun.messageClass(b, off);
        if (type == Stun.REQUEST) {
            flow.transactions.request(Stun.transactionHigh(b, off), Stun.transactionLow(b, off), now, dir);
        } else if (type == Stun.SUCCESS || type == Stun.ERROR) {
            long rtt = flow.transactions.response(Stun.transactionHigh(b, off), Stun.transactionLow(b, off), now, dir);
            if (rtt >= 0 && method == Stun.BINDING) {
                int requester = StunTransactions.requester(dir);
                flow.rttNanos[requester] = rtt;
                flow.rttAtNanos[requester] = now;
                flow.rttSamples++;
            }
        }
        if (method == Stun.BINDING) {
            binding(flow, b, off, len, type, now);
        } else if (method == Stun.SEND || method == Stun.DATA) {
            relayed(flow, b, off, len, dir, now, outer);
        } else {
            turnControl(flow, b, off, len, method);
        }
    }

    private void binding(Flow flow, byte[] b, int off, int len, int type, long now) {
        flow.changed |= flow.bindingRequests + flow.bindingResponses == 0;
        if (type == Stun.REQUEST) {
            flow.bindingRequests++;
            flow.lastBindingNanos = now;
            if (flow.iceSession == null) {
                flow.iceSession = IceSession.of(b, off, len);
            }
        } else if (type == Stun.SUCCESS) {
            flow.changed |= flow.bindingResponses == 0;
            flow.bindingResponses++;
            flow.lastBindingNanos = now;
        }
    }

    private void relayed(Flow flow, byte[] b, int off, int len, int dir, long now, boolean outer) {
        int data = Stun.findAttribute(b, off, len, Stun.ATTR_DATA);
        peer(flow, b, off, len);
        if (outer && data >= 0) {
            int length = Stun.attributeLength(b, data);
            inner(flow, b, data + 4, length, length, dir, now);
        }
    }

    private void turnControl(Flow flow, byte[] b, int off, int len, int method) {
        if (method == Stun.ALLOCATE || method == Stun.REFRESH || method == Stun.CREATE_PERMISSION
                || method == Stun.CHANNEL_BIND) {
            flow.changed |= !flow.turn;
            flow.turn = true;
            peer(flow, b, off, len);
        }
    }

    private static void peer(Flow flow, byte[] b, int off, int len) {
        int attribute = Stun.findAttribute(b, off, len, Stun.ATTR_XOR_PEER_ADDRESS);
        if (attribute >= 0 && flow.turnPeer == null) {
            flow.turnPeer = Stun.xorAddress(b, off, attribute);
        }
    }

    private void rtp(Flow flow, byte[] b, int off, int declared, int dir, long now) {
        MediaStream stream = flow.stream(Rtp.ssrc(b, off), dir, now, settings);
        if (stream == null) {
            return;
        }
        long timestamp = Rtp.timestamp(b, off);
        Boolean mirrored = stream.wantsMirrorCheck(timestamp) ? flow.mirrors(stream, timestamp) : null;
        boolean valid = stream.valid();
        StreamKind kind = stream.packets % 16 == 0 ? stream.kind() : null;
        stream.packet(now, b, off, declared, mirrored);
        flow.changed |= valid != stream.valid() || kind != null && kind != stream.kind();
    }

    private boolean turnPort(Packet p) {
        return settings.turnPorts().contains(p.srcPort()) || settings.turnPorts().contains(p.dstPort());
    }
}
