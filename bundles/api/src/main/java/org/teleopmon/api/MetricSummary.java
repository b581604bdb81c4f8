package org.teleopmon.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A metric series summarised over its sliding window. All statistics are over the window,
 * {@code NaN} when the window holds no sample.
 *
 * @param name   series name, such as {@code latency_ms}
 * @param tags   the series' tags (bounded in number)
 * @param window the window length
 * @param count  samples in the window
 * @param rate   samples per second over the window
 */
public record MetricSummary(String name, Map<String, String> tags, Duration window, long count, double min,
        double max, double mean, double p50, double p95, double p99, double last, double rate) {

    public MetricSummary {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
