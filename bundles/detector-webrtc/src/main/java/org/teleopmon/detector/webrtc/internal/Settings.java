package org.teleopmon.detector.webrtc.internal;

import java.util.Map;
import java.util.Set;

/**
 * The detector's configuration, validated.
 *
 * @param turnPorts          UDP/TCP ports of STUN/TURN servers: ChannelData is only believed there or
 *                           after a TURN request was seen on the flow
 * @param tcpPorts           TCP ports followed for TURN-over-TCP and ICE-TCP
 * @param windowNanos        the window rates are measured over
 * @param mediaNanos         media counts as flowing while a packet came this recently
 * @param idleNanos          a call ends after this long without any packet
 * @param maxFlows           flows followed at once
 * @param maxStreamsPerFlow  SSRCs followed per flow
 * @param operatorNames      operator names by remote address
 */
record Settings(Set<Integer> turnPorts, Set<Integer> tcpPorts, long windowNanos, long mediaNanos, long idleNanos,
        int maxFlows, int maxStreamsPerFlow, Map<String, String> operatorNames) {

    static final long BUCKET_NANOS = 100_000_000L;

    static final Settings DEFAULTS = new Settings(Set.of(3478, 3479, 5349, 19302), Set.of(3478),
            2_000_000_000L, 1_000_000_000L, 8_000_000_000L, 256, 16, Map.of());

    Settings {
        turnPorts = Set.copyOf(turnPorts);
        tcpPorts = Set.copyOf(tcpPorts);
        operatorNames = Map.copyOf(operatorNames);
    }
}
