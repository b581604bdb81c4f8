package org.teleopmon.detector.zmq.internal;

import java.util.Map;
import java.util.Set;

/**
 * The detector's configuration after validation, in the units the code uses.
 *
 * @param robotType      configured profile, {@code lekiwi} or {@code xle}
 * @param commandPort    where operators push commands
 * @param observationPort where the robot pushes observations
 * @param extraPorts     other ports carrying ZMTP (telemetry, third-party transports)
 * @param operatorNames  address or operator id to display name
 */
record ZmqSettings(String robotType, int commandPort, int observationPort, Set<Integer> extraPorts,
        Map<String, String> operatorNames, int peekBytes, long maxFrameBytes, long maxCommandBytes,
        int maxConnections, int maxPendingSegments, int maxPendingBytes, long reorderNanos, long windowNanos,
        long watchdogNanos, long silenceNanos, double minCommandRateHz) {

    static final int WINDOW_CAPACITY = 1024;

    /** Every port whose TCP traffic the detector wants. */
    Set<Integer> ports() {
        java.util.Set<Integer> ports = new java.util.TreeSet<>(extraPorts);
        ports.add(commandPort);
        ports.add(observationPort);
        return ports;
    }

    boolean isPort(int port) {
        return port == commandPort || port == observationPort || extraPorts.contains(port);
    }

    /** Defaults for tests and benchmarks: LeKiwi on 5555/5556. */
    static ZmqSettings defaults(int commandPort, int observationPort) {
        return new ZmqSettings("lekiwi", commandPort, observationPort, Set.of(), Map.of(), 4096, 64L << 20, 65536,
                64, 256, 1 << 20, 250_000_000L, 2_000_000_000L, 500_000_000L, 2_000_000_000L, 15);
    }
}
