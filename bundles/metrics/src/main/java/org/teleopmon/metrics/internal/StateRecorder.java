package org.teleopmon.metrics.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.teleopmon.api.Reading;
import org.teleopmon.api.TeleopState;

/**
 * Feeds the fused state's measurements into their series. A reading is recorded once: the same
 * reading seen again in a later state (the engine republishes it) is not a new sample, so a
 * measurement that stops updating goes silent here too.
 */
final class StateRecorder {

    private final SeriesRegistry registry;
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    StateRecorder(SeriesRegistry registry) {
        this.registry = registry;
    }

    void accept(TeleopState state, long nowMillis) {
        for (Map.Entry<String, Reading> metric : state.metrics().entrySet()) {
            Reading reading = metric.getValue();
            Instant previous = recorded.get(metric.getKey());
            if (previous == null || reading.timestamp().isAfter(previous)) {
                recorded.put(metric.getKey(), reading.timestamp());
                registry.record(metric.getKey(), reading.value(), Map.of(), nowMillis);
            }
        }
    }
}
