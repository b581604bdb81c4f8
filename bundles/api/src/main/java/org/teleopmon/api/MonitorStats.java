package org.teleopmon.api;

import java.time.Duration;
import java.util.Map;

/**
 * Counters of the monitor itself, from {@link TeleopMonitor#getStats()}.
 *
 * @param detections   signals received from detectors in total
 * @param stateChanges idle/active transitions
 * @param uptime       since the engine started
 * @param perDetector  signals received per detector
 * @param sessions     sessions started since the engine started
 */
public record MonitorStats(long detections, long stateChanges, Duration uptime, Map<String, Long> perDetector,
        long sessions) {

    public MonitorStats {
        perDetector = perDetector == null ? Map.of() : Map.copyOf(perDetector);
    }
}
