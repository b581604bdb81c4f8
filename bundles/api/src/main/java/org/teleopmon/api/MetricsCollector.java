package org.teleopmon.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The seed's metrics API. Any bundle records samples; the collector keeps bounded sliding windows
 * and evaluates alert rules and {@link AlertCheck}s over them. Their alerts reach sinks as
 * {@link TeleopEvent}s and are queried through {@link AlertService}.
 */
@ProviderType
public interface MetricsCollector {

    /**
     * Records one sample. Cheap and non-blocking; a sample that would create a series beyond the
     * configured limits is refused and counted, never an error.
     */
    void recordMetric(String name, double value, Map<String, String> tags);

    default void recordMetric(String name, double value) {
        recordMetric(name, value, Map.of());
    }

    /** Summaries of every series, sorted by name then tags. */
    List<MetricSummary> getSummary();

    Optional<MetricSummary> getSummary(String name, Map<String, String> tags);

    /** Adds a check outside the service registry (the seed's {@code add_alert_check}). */
    void addAlertCheck(AlertCheck check);

    void removeAlertCheck(AlertCheck check);
}
