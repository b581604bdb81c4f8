package org.teleopmon.detector.webrtc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One call: the flows of one ICE session (every candidate pair it checked, and the one that
 * carries the media), or a lone flow with DTLS or RTP. Rebuilt from its flows on every
 * evaluation; the identity and start time persist.
 */
final class Call {

    enum Kind { WEBRTC, TURN, RTP }

    static final double DATA_CHANNEL_MIN_RATE = 5;

    final String id;
    final String key;
    final long startNanos;
    final List<Flow> flows = new ArrayList<>();
    long lastNanos;
    boolean up;
    Kind kind = Kind.RTP;
    /** The flow carrying the most traffic: the nominated pair. */
    Flow main;
    /** Side (0 = A, 1 = B) of the main flow that is the far end. */
    int remoteSide = 1;
    /** When a DTLS close_notify closed the call's association; 0 while open. */
    long closedNanos;
    /** Whether the far end (the operator) sent it. */
    boolean closedByRemote;

    Call(String id, String key, long startNanos) {
        this.id = id;
        this.key = key;
        this.startNanos = startNanos;
    }

    /** The operator's address: the TURN peer when relayed, else the far end of the main flow. */
    String remoteHost() {
        if (main == null) {
            return "";
        }
        if (main.turn && main.turnPeer != null) {
            int colon = main.turnPeer.lastIndexOf(':');
            String host = main.turnPeer.substring(0, colon);
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }
        return main.host(remoteSide);
    }

    String remoteEndpoint() {
        if (main == null) {
            return "";
        }
        return main.turn && main.turnPeer != null ? main.turnPeer : main.endpoint(remoteSide);
    }

    String localEndpoint() {
        return main == null ? "" : main.endpoint(1 - remoteSide);
    }

    /** The direction index (of the main flow) in which the robot sends. */
    int outbound() {
        return remoteSide == 1 ? 0 : 1;
    }

    int dtlsVersion() {
        int version = 0;
        for (Flow flow : flows) {
            version = Math.max(version, flow.dtls.version);
        }
        return version;
    }

    /** The most recent round trip measured by the robot's side (else by either), ms, or NaN. */
    double rttMillis() {
        long best = -1;
        long at = Long.MIN_VALUE;
        for (Flow flow : flows) {
            for (int d = 0; d < 2; d++) {
                boolean robotAsked = flow == main ? d == outbound() : true;
                if (flow.rttNanos[d] >= 0 && robotAsked && flow.rttAtNanos[d] > at) {
                    best = flow.rttNanos[d];
                    at = flow.rttAtNanos[d];
                }
            }
        }
        return best < 0 ? Double.NaN : best / 1e6;
    }

    /**
     * UDP payload megabits per second on the main flow, one way. The other candidate pairs carry
     * only connectivity checks and are left out.
     */
    double megabitsPerSecond(long now, boolean outbound) {
        if (main == null) {
            return 0;
        }
        double rate = main.traffic[outbound ? outbound() : 1 - outbound()].rate(now, RateWindow.BYTES);
        return Double.isNaN(rate) ? 0 : rate * 8 / 1e6;
    }

    List<MediaStream> streams() {
        List<MediaStream> streams = new ArrayList<>();
        for (Flow flow : flows) {
            for (int i = 0; i < flow.streamCount; i++) {
                if (flow.streams[i].valid()) {
                    streams.add(flow.streams[i]);
                }
            }
        }
        return streams;
    }

    boolean mediaFlowing(long now, long mediaNanos) {
        for (MediaStream stream : streams()) {
            if (now - stream.lastNanos <= mediaNanos && stream.kind() != StreamKind.RTX) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encrypted DTLS records at a command-like rate: data channels. A trickle is not enough, since
     * DTLS 1.3 ACKs and SCTP heartbeats look the same from outside.
     */
    boolean dataFlowing(long now) {
        for (Flow flow : flows) {
            if (flow.dataChannel.rate(now, RateWindow.PACKETS) >= DATA_CHANNEL_MIN_RATE) {
                return true;
            }
        }
        return false;
    }
}
