package org.teleopmon.api.usage;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The totals of one group of sessions.
 *
 * @param key      the group: an operator id, a day ({@code 2026-12-07}) or a robot id; empty for
 *                 sessions without an operator
 * @param label    what people read: the operator's latest name, the day, the robot's type
 * @param sessions how many sessions
 * @param time     their summed length
 * @param quality  per state metric: the mean of the sessions' readings, weighted by their samples
 */
public record UsageTotal(String key, String label, long sessions, Duration time, Map<String, Double> quality) {

    public UsageTotal {
        Objects.requireNonNull(key, "key");
        label = label == null ? key : label;
        time = time == null ? Duration.ZERO : time;
        quality = quality == null ? Map.of() : Map.copyOf(quality);
    }
}
