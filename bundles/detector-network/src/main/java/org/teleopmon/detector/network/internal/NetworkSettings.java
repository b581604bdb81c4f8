package org.teleopmon.detector.network.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The detector's configuration in the units the code uses: nanoseconds, bytes, Hz, Mbit/s, and jitter
 * and reply shares as fractions.
 */
record NetworkSettings(int[] vrPorts, int[] webPorts, String webPath, byte[][] commandEvents, int[] knownPorts,
        long windowNanos, long tickNanos, long silenceNanos, long flowIdleNanos, int maxFlows, long burstGapNanos,
        Vr vr, Video video, Control control) {

    /** Buckets of the sliding window. */
    static final int BUCKETS = 10;

    record Vr(double minHz, double maxHz, double maxJitter, int maxRecordBytes, double maxDownstreamMbps) {
    }

    record Video(double minMbps, int minPacketBytes, double minFps, double maxFps, double maxJitter) {
    }

    record Control(double minHz, double maxHz, int maxPacketBytes, double maxJitter, double maxReplyShare) {
    }

    static NetworkSettings from(NetworkDetectorConfig c) {
        return new NetworkSettings(c.vr_ports(), c.web_ports(), c.web_path(), events(c.web_command_events()),
                c.known_ports(), nanos(c.window()), nanos(c.tick()), nanos(c.silence_timeout()),
                nanos(c.flow_idle_timeout()), c.max_flows(), nanos(c.burst_gap()),
                new Vr(c.vr_min_rate_hz(), c.vr_max_rate_hz(), c.vr_max_jitter_percent() / 100,
                        c.vr_max_record_bytes(), c.vr_max_downstream_mbps()),
                new Video(c.video_min_mbps(), c.video_min_packet_bytes(), c.video_min_fps(), c.video_max_fps(),
                        c.video_max_jitter_percent() / 100),
                new Control(c.control_min_rate_hz(), c.control_max_rate_hz(), c.control_max_packet_bytes(),
                        c.control_max_jitter_percent() / 100, c.control_max_reply_percent() / 100));
    }

    /** The shipped defaults, for tests and benchmarks. */
    static NetworkSettings defaults() {
        return new NetworkSettings(new int[] {8442}, new int[] {8000}, "/socket.io/", events(new String[] {"command"}),
                new int[] {5555, 5556, 5557, 5558, 3478, 3479, 5349, 19302}, 2_000_000_000L, 100_000_000L,
                2_000_000_000L, 30_000_000_000L, 2048, 4_000_000L, new Vr(60, 120, 0.6, 4096, 0.5),
                new Video(1.0, 500, 5, 120, 0.6), new Control(10, 100, 1024, 0.35, 0.5));
    }

    NetworkSettings withMaxFlows(int value) {
        return new NetworkSettings(vrPorts, webPorts, webPath, commandEvents, knownPorts, windowNanos, tickNanos,
                silenceNanos, flowIdleNanos, value, burstGapNanos, vr, video, control);
    }

    NetworkSettings withWebPorts(int... ports) {
        return new NetworkSettings(vrPorts, ports, webPath, commandEvents, knownPorts, windowNanos, tickNanos,
                silenceNanos, flowIdleNanos, maxFlows, burstGapNanos, vr, video, control);
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    long bucketNanos() {
        return windowNanos / BUCKETS;
    }

    /** The TCP ports whose packets the detector wants from the capture. */
    Set<Integer> capturedTcpPorts() {
        Set<Integer> ports = new TreeSet<>();
        IntStream.of(vrPorts).forEach(ports::add);
        IntStream.of(webPorts).forEach(ports::add);
        return ports;
    }

    /** A set of ports to test on the packet path without boxing. */
    static BitSet portSet(int[] ports) {
        BitSet set = new BitSet(65536);
        for (int port : ports) {
            set.set(port);
        }
        return set;
    }

    private static byte[][] events(String[] names) {
        return Arrays.stream(names).map(String::trim).filter(n -> !n.isEmpty())
                .map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
}
