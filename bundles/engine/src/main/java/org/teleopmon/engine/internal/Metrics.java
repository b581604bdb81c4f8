package org.teleopmon.engine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Reading;

/**
 * Lifts the state metrics out of the live detectors' views: for each name, the newest reading of a
 * detector that sees teleoperation; only when none of those has it, the newest of the others. An
 * idle detector's zero (no commands on its port) must not stand in for the session's rate.
 */
final class Metrics {

    private Metrics() {
    }

    static Map<String, Reading> latest(List<DetectorSlot> live) {
        Map<String, Reading> active = new HashMap<>();
        Map<String, Reading> idle = new HashMap<>();
        for (DetectorSlot slot : live) {
            DetectorSignal view = slot.latest;
            if (view.measurements().isEmpty()) {
                continue;
            }
            Map<String, Reading> into = view.active() ? active : idle;
            for (String name : Measurements.STATE_METRICS) {
                double value = view.measurement(name);
                Reading held = into.get(name);
                if (!Double.isNaN(value) && (held == null || view.timestamp().isAfter(held.timestamp()))) {
                    into.put(name, new Reading(value, slot.name, view.timestamp()));
                }
            }
        }
        idle.putAll(active);
        return idle;
    }
}
