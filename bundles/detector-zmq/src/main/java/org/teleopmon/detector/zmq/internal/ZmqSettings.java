package org.teleopmon.detector.zmq.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The detector's configuration in the units the code uses.
 *
 * @param robotType      configured profile, {@code lekiwi} or {@code xle}
 * @param commandPort    where operators push commands
 * @param observationPort where the robot pushes observations
 * @param extraPorts     other ports carrying ZMTP (telemetry, third-party transports)
 */
record ZmqSettings(String robotType, int commandPort, int observationPort, Set<Integer> extraPorts,
        int peekBytes, long maxFrameBytes, long maxCommandBytes, int maxConnections, int maxPendingSegments,
        int maxPendingBytes, long reorderNanos, long windowNanos, long watchdogNanos, long silenceNanos,
        double minCommandRateHz) {

    static final int WINDOW_CAPACITY = 1024;
    private static final int MAX_PENDING_SEGMENTS = 256;

    static ZmqSettings from(ZmqDetectorConfig c) {
        String robotType = "xle".equalsIgnoreCase(c.robot_type().trim()) ? "xle" : "lekiwi";
        return new ZmqSettings(robotType, c.command_port(), c.observation_port(),
                Set.copyOf(IntStream.of(c.extra_ports()).boxed().toList()), c.peek_bytes(), c.max_frame_bytes(),
                c.max_command_bytes(), c.max_connections(), MAX_PENDING_SEGMENTS, c.reorder_bytes(),
                nanos(c.reorder()), nanos(c.window()), nanos(c.watchdog()), nanos(c.silence_timeout()),
                c.min_command_rate_hz());
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /** Every port whose TCP traffic the detector wants. */
    Set<Integer> ports() {
        Set<Integer> ports = new TreeSet<>(extraPorts);
        ports.add(commandPort);
        ports.add(observationPort);
        return ports;
    }

    boolean isPort(int port) {
        return port == commandPort || port == observationPort || extraPorts.contains(port);
    }

    /** Defaults for tests and benchmarks: LeKiwi on 5555/5556. */
    static ZmqSettings defaults(int commandPort, int observationPort) {
        return new ZmqSettings("lekiwi", commandPort, observationPort, Set.of(), 4096, 64L << 20, 65536,
                64, MAX_PENDING_SEGMENTS, 1 << 20, 250_000_000L, 2_000_000_000L, 500_000_000L, 2_000_000_000L, 15);
    }
}
