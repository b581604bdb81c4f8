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
 */
record CaptureSettings(List<String> interfaces, int snapLength, int bufferBytes, boolean promiscuous,
        Duration retryInitial, Duration retryMax) {

    static final CaptureSettings DEFAULTS = new CaptureSettings(List.of(), 65535, 4 << 20, false,
            Duration.ofSeconds(1), Duration.ofMinutes(1));

    CaptureSettings {
        interfaces = List.copyOf(interfaces);
        if (retryMax.compareTo(retryInitial) < 0) {
            retryMax = retryInitial;
        }
    }

    CaptureSettings withInterfaces(List<String> names) {
        return new CaptureSettings(names, snapLength, bufferBytes, promiscuous, retryInitial, retryMax);
    }
}
