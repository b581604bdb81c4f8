package org.teleopmon.capture.internal;

import java.time.Duration;
import java.util.List;

/**
 * The capture configuration, validated.
 *
 * @param interfaces   interfaces to open; empty means "lo plus every active interface"
 * @param snapLength   bytes kept of each frame
 * @param bufferBytes  kernel ring size per interface
 * @param promiscuous  whether to ask the interface for frames not addressed to this host
 * @param retryInitial first back-off after a failed open
 * @param retryMax     longest back-off
 * @param batchMillis  how long the kernel may hold packets to hand them over in blocks; 0 hands
 *                     each packet over at once (a wake-up per packet)
 * @param netns        network-namespace file the capture thread enters before opening anything;
 *                     empty means the monitor's own namespace
 */
record CaptureSettings(List<String> interfaces, int snapLength, int bufferBytes, boolean promiscuous,
        Duration retryInitial, Duration retryMax, int batchMillis, String netns) {

    private static final int DEFAULT_BATCH_MS = 10;

    static final CaptureSettings DEFAULTS = new CaptureSettings(List.of(), 65_600, 8 << 20, false,
            Duration.ofSeconds(1), Duration.ofMinutes(1), DEFAULT_BATCH_MS, "");

    CaptureSettings(List<String> interfaces, int snapLength, int bufferBytes, boolean promiscuous,
            Duration retryInitial, Duration retryMax) {
        this(interfaces, snapLength, bufferBytes, promiscuous, retryInitial, retryMax, DEFAULT_BATCH_MS, "");
    }

    CaptureSettings {
        interfaces = List.copyOf(interfaces);
        if (retryMax.compareTo(retryInitial) < 0) {
            retryMax = retryInitial;
        }
        netns = NetworkNamespace.of(netns).path();
    }

    CaptureSettings withInterfaces(List<String> names) {
        return new CaptureSettings(names, snapLength, bufferBytes, promiscuous, retryInitial, retryMax, batchMillis, netns);
    }

    CaptureSettings withBatchMillis(int millis) {
        return new CaptureSettings(interfaces, snapLength, bufferBytes, promiscuous, retryInitial, retryMax, millis, netns);
    }

    /** The same settings in the network namespace the file names ("" for the monitor's own). */
    CaptureSettings withNetns(String path) {
        return new CaptureSettings(interfaces, snapLength, bufferBytes, promiscuous, retryInitial, retryMax, batchMillis, path);
    }

    NetworkNamespace namespace() {
        return NetworkNamespace.of(netns);
    }
}
