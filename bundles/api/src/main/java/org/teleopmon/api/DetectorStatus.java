package org.teleopmon.api;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one detector contributes to the fused state, as the engine sees it.
 *
 * @param name       detector name
 * @param active     its latest signal's verdict
 * @param confidence its latest signal's confidence
 * @param weight     its weight in the fusion
 * @param health     its own health, or the engine's verdict when it throws or goes silent
 * @param lastSignal when it last signalled, or {@code null} if never
 * @param signals    how many signals it has sent
 * @param reason     its latest signal's explanation
 * @param measurements its latest signal's measurements, sorted by name; empty before its first signal
 */
public record DetectorStatus(String name, boolean active, int confidence, int weight, Health health,
        Instant lastSignal, long signals, String reason, Map<String, Double> measurements) {

    public DetectorStatus {
        measurements = measurements == null || measurements.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(measurements));
    }

    /** A status without measurements, as before they were part of it. */
    public DetectorStatus(String name, boolean active, int confidence, int weight, Health health,
            Instant lastSignal, long signals, String reason) {
        this(name, active, confidence, weight, health, lastSignal, signals, reason, Map.of());
    }
}
