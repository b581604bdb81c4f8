package org.teleopmon.engine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Reading;

/** Lifts the state metrics out of the live detectors' views: for each name, the newest reading. */
final class Metrics {

    private Metrics() {
    }

    static Map<String, Reading> latest(List<DetectorSlot> live) {
        Map<String, Reading> metrics = new HashMap<>();
        for (DetectorSlot slot : live) {
            DetectorSignal view = slot.latest;
            if (view.measurements().isEmpty()) {
                continue;
            }
            for (String name : Measurements.STATE_METRICS) {
                double value = view.measurement(name);
                Reading held = metrics.get(name);
                if (!Double.isNaN(value) && (held == null || view.timestamp().isAfter(held.timestamp()))) {
                    metrics.put(name, new Reading(value, slot.name, view.timestamp()));
                }
            }
        }
        return metrics;
    }
}
