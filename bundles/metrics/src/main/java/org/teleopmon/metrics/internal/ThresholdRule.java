package org.teleopmon.metrics.internal;

import java.time.Duration;
import java.util.Set;

import org.teleopmon.api.EventType;
import org.teleopmon.api.Severity;

/**
 * A built-in rule: a series crosses a threshold for a while. {@code clear} is the hysteresis
 * bound it must come back past before the alert resolves.
 *
 * @param sessionOnly evaluated only while a teleoperation session is active
 */
record ThresholdRule(String name, Set<String> series, EventType eventType, boolean above, double threshold,
        double clear, Duration forDuration, Severity severity, boolean sessionOnly, String unit) {

    ThresholdRule {
        // A clear bound on the wrong side of the threshold would resolve while still breached.
        clear = above ? Math.min(clear, threshold) : Math.max(clear, threshold);
    }

    Condition evaluate(double value) {
        if (Double.isNaN(value)) {
            return Condition.UNKNOWN;
        }
        boolean breached = above ? value > threshold : value < threshold;
        boolean cleared = above ? value <= clear : value >= clear;
        return new Condition(breached, cleared, value);
    }

    String describe(String seriesName, double value) {
        return String.format("%s is %.2f%s, %s %.2f%s", seriesName, value / scale(), unit,
                above ? "above" : "below", threshold / scale(), unit);
    }

    /** Thresholds are kept in the series' base unit; memory is shown in MiB. */
    private double scale() {
        return " MiB".equals(unit) ? RuleSet.MIB : 1;
    }
}
