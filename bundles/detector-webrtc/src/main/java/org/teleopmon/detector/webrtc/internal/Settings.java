package org.teleopmon.detector.webrtc.internal;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The detector's configuration in the units the code uses.
 *
 * @param turnPorts          UDP/TCP ports of STUN/TURN servers: ChannelData is only believed there or
 *                           after a TURN request was seen on the flow
 * @param tcpPorts           TCP ports followed for TURN-over-TCP and ICE-TCP
 * @param windowNanos        the window rates are measured over
 * @param mediaNanos         media counts as flowing while a packet came this recently
 * @param idleNanos          a call ends after this long without any packet
 * @param maxFlows           flows followed at once
 * @param maxStreamsPerFlow  SSRCs followed per flow
 */
record Settings(Set<Integer> turnPorts, Set<Integer> tcpPorts, long windowNanos, long mediaNanos, long idleNanos,
        int maxFlows, int maxStreamsPerFlow) {

    static final long BUCKET_NANOS = 100_000_000L;

    static final Settings DEFAULTS = new Settings(Set.of(3478, 3479, 5349, 19302), Set.of(3478),
            2_000_000_000L, 1_000_000_000L, 8_000_000_000L, 256, 16);

    Settings {
        turnPorts = Set.copyOf(turnPorts);
        tcpPorts = Set.copyOf(tcpPorts);
    }

    static Settings from(WebRtcDetectorConfig c) {
        return new Settings(ports(c.turn_ports()), ports(c.tcp_ports()), nanos(c.window()), nanos(c.media_timeout()),
                nanos(c.call_idle_timeout()), c.max_flows(), c.max_streams_per_flow());
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    private static Set<Integer> ports(int[] ports) {
        return IntStream.of(ports).boxed().collect(Collectors.toSet());
    }
}
