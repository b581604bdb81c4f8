package org.teleopmon.detector.network.internal;

import java.util.BitSet;

import org.teleopmon.api.capture.Packet;
import org.teleopmon.detector.support.LocalAddresses;

/**
 * The packet path: finds or opens each packet's {@link Flow}, counts it in its direction, and gives the
 * payload of VR and web_control connections to their decoders (TLS records, WebSocket/Socket.IO). Runs on
 * the capture thread under the detector's lock; allocates nothing per packet (a new flow reuses a pool
 * slot; only the first WebSocket/TLS packet of a VR or web_control connection makes its decoder, once per
 * pool slot).
 */
final class NetworkTraffic {

    final NetworkSettings settings;
    final FlowTable flows;
    private final LocalAddresses local;
    private final BitSet vrPorts;
    private final BitSet webPorts;
    private final BitSet knownPorts;
    long packets;
    long tcpPackets;
    long udpPackets;
    long retransmitted;
    long snapped;

    NetworkTraffic(NetworkSettings settings, LocalAddresses local) {
        this.settings = settings;
        this.local = local;
        this.flows = new FlowTable(settings.maxFlows());
        this.vrPorts = NetworkSettings.portSet(settings.vrPorts());
        this.webPorts = NetworkSettings.portSet(settings.webPorts());
        this.knownPorts = NetworkSettings.portSet(settings.knownPorts());
    }

    /** Counts a captured TCP or UDP packet; returns its flow, or null when the packet is neither. */
    Flow packet(Packet p) {
        int transport = p.transport();
        if (transport != Packet.TCP && transport != Packet.UDP) {
            return null;
        }
        long now = p.timestampNanos();
        byte[] b = p.array();
        int length = p.addressLength();
        Flow f = flows.find(transport, b, p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(), length);
        if (f == null) {
            f = open(p, now);
        }
        packets++;
        boolean fromA = f.fromA(p);
        DirectionStats d = f.direction(fromA);
        int payload = p.declaredPayloadLength();
        d.packet(now, payload, settings.bucketNanos());
        f.lastNanos = now;
        if (transport == Packet.UDP) {
            udpPackets++;
            d.message(now, settings.bucketNanos(), settings.burstGapNanos());
            if (f.kind == Flow.Kind.PLAIN) {
                f.hint.datagram(b, p.payloadOffset(), p.payloadLength(), fromA);
            }
        } else {
            tcpPackets++;
            tcp(p, f, fromA, now);
        }
        if (f.ab.packets + f.ba.packets == FlowTable.PROMOTE_PACKETS) {
            flows.promote(f);
        } else {
            flows.touch(f);
        }
        return f;
    }

    private Flow open(Packet p, long now) {
        byte[] b = p.array();
        int length = p.addressLength();
        Flow f = flows.create(p.transport(), b, p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(),
                length, now, Flow.Source.CAPTURE);
        f.aLocal = local.isLocal(b, p.srcAddressOffset(), length);
        f.bLocal = local.isLocal(b, p.dstAddressOffset(), length);
        f.knownPort = knownPorts.get(p.srcPort()) || knownPorts.get(p.dstPort());
        f.groupcast = Flow.groupcast(b, p.dstAddressOffset(), length);
        if (p.transport() == Packet.TCP) {
            boolean syn = (p.tcpFlags() & (Packet.TCP_SYN | Packet.TCP_ACK)) == Packet.TCP_SYN;
            int serverPort = syn ? p.dstPort() : -1;
            // Without the SYN, the side on a configured port is the server.
            if (serverPort < 0) {
                serverPort = vrPorts.get(p.dstPort()) || webPorts.get(p.dstPort()) ? p.dstPort()
                        : vrPorts.get(p.srcPort()) || webPorts.get(p.srcPort()) ? p.srcPort() : -1;
            }
            f.server = serverPort < 0 ? Flow.NO_SIDE : serverPort == f.portB ? Flow.SIDE_B : Flow.SIDE_A;
            int servicePort = f.server == Flow.SIDE_A ? f.portA : f.server == Flow.SIDE_B ? f.portB : -1;
            if (servicePort > 0 && vrPorts.get(servicePort)) {
                f.kind = Flow.Kind.VR;
                if (f.tlsAb == null) {
                    f.tlsAb = new TlsRecords();
                    f.tlsBa = new TlsRecords();
                }
                f.tlsAb.reset();
                f.tlsBa.reset();
                flows.promote(f);
            } else if (servicePort > 0 && webPorts.get(servicePort)) {
                f.kind = Flow.Kind.WEB;
                if (f.web == null) {
                    f.web = new WebControl();
                }
                f.web.reset(settings);
                flows.promote(f);
            }
        }
        return f;
    }

    private void tcp(Packet p, Flow f, boolean fromA, long now) {
        int flags = p.tcpFlags();
        StreamPosition position = fromA ? f.seqAb : f.seqBa;
        int side = fromA ? Flow.SIDE_A : Flow.SIDE_B;
        if ((flags & Packet.TCP_SYN) != 0) {
            position.syn(p.tcpSeq());
            return;
        }
        if ((flags & Packet.TCP_RST) != 0) {
            closed(f, side, now);
            f.resetSeen = true;
            return;
        }
        int captured = p.payloadLength();
        int declared = p.declaredPayloadLength();
        if (declared > 0) {
            int seen = position.accept(p.tcpSeq(), declared);
            if (seen < 0) {
                retransmitted++;
            } else {
                DirectionStats d = f.direction(fromA);
                boolean gap = position.gap();
                if (captured < declared) {
                    snapped++;
                }
                int offset = p.payloadOffset() + seen;
                int usable = Math.max(0, captured - seen);
                switch (f.kind) {
                    case VR -> (fromA ? f.tlsAb : f.tlsBa).feed(p.array(), offset, usable, gap, now, d,
                            settings.bucketNanos(), settings.burstGapNanos());
                    case WEB -> {
                        if (side == f.clientSide()) {
                            f.web.fromClient(p.array(), offset, usable, gap, now, settings.webPath());
                        } else {
                            f.web.fromServer(p.array(), offset, usable, gap, now);
                        }
                    }
                    default -> d.message(now, settings.bucketNanos(), settings.burstGapNanos());
                }
                if (captured < declared) {
                    // The rest of the segment was not captured: the decoders must find their framing again.
                    position.lost();
                }
            }
        }
        if ((flags & Packet.TCP_FIN) != 0) {
            closed(f, side, now);
            f.finMask |= side;
        }
    }

    private static void closed(Flow f, int side, long now) {
        if (f.closedBy == Flow.NO_SIDE) {
            f.closedBy = side;
            f.closedNanos = now;
            if (f.kind == Flow.Kind.VR) {
                boolean clientIsA = f.clientSide() == Flow.SIDE_A;
                f.closeClientLastNanos = (clientIsA ? f.tlsAb : f.tlsBa).lastAt;
                f.closeServerPreviousNanos = (clientIsA ? f.tlsBa : f.tlsAb).previousAt;
            }
        }
    }

    boolean isLocal(byte[] address) {
        return local.isLocal(address, 0, address.length);
    }

    boolean isKnownPort(int port) {
        return knownPorts.get(port);
    }

    /** Forgets flows idle for the idle timeout, and closed ones once their end was reported. */
    void expire(long now, long reportedNanos) {
        flows.forEach(f -> {
            boolean idle = now - f.lastNanos > settings.flowIdleNanos();
            boolean closedAndReported = f.closing() && now - f.closedNanos > reportedNanos;
            if (idle || closedAndReported) {
                flows.remove(f);
            }
        });
    }
}
