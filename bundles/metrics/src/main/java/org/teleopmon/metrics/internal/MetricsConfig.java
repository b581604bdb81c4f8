package org.teleopmon.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.teleopmon.api.Severity;

/** Typed configuration of PID {@code org.teleopmon.metrics}: windows, limits and alert rules. */
@ObjectClassDefinition(id = MetricsConfig.PID, name = "Teleop Monitor metrics and alerts",
        description = "Sliding-window metrics, the built-in alert rules (threshold, clear threshold for hysteresis,"
                + " 'for' duration, severity), cooldown, silences and cardinality limits.")
public @interface MetricsConfig {

    String PID = "org.teleopmon.metrics";

    @AttributeDefinition(description = "Sliding window of every series, seconds.",
            min = "5", max = "3600")
    int metrics_window() default 60;

    @AttributeDefinition(description = "Time buckets per window: the window slides by window/buckets.",
            min = "2", max = "120")
    int window_buckets() default 12;

    @AttributeDefinition(description = "Relative accuracy of p50/p95/p99, percent (DDSketch).", min = "0.1", max = "10")
    double percentile_accuracy() default 1.0;

    @AttributeDefinition(description = "Most series kept; samples that would create more are refused and counted.",
            min = "1", max = "100000")
    int max_series() default 500;

    @AttributeDefinition(description = "Most series (tag combinations) per metric name.", min = "1", max = "10000")
    int max_series_per_name() default 50;

    @AttributeDefinition(description = "Most tags on one sample.", min = "0", max = "32")
    int max_tags() default 8;

    @AttributeDefinition(description = "A series without samples this many windows long is dropped.", min = "1", max = "1000")
    int series_expiry_windows() default 5;

    @AttributeDefinition(description = "Minimum time between two alerts of one rule and subject, seconds.", min = "0", max = "86400")
    int alert_cooldown() default 30;

    @AttributeDefinition(description = "How often rules and custom checks are evaluated, seconds.",
            min = "0.05", max = "60")
    double evaluation_interval() default 0.5;

    @AttributeDefinition(description = "Alerts kept in the queryable history.", min = "1", max = "100000")
    int history_size() default 500;

    @AttributeDefinition(description = "High latency: fires above this, milliseconds (the unit of the latency_ms series it "
            + "watches).", min = "0")
    double latency_threshold() default 100;

    @AttributeDefinition(description = "High latency: resolves at or below this, milliseconds (as latency_ms).", min = "0")
    double latency_clear() default 80;

    @AttributeDefinition(description = "High latency must hold this long before firing, seconds.", min = "0", max = "3600")
    double latency_for() default 3;

    @AttributeDefinition(description = "Severity of high latency alerts.")
    Severity latency_severity() default Severity.WARNING;

    @AttributeDefinition(description = "Excessive bandwidth: fires above this, Mbit/s.", min = "0")
    double bandwidth_threshold() default 50;

    @AttributeDefinition(description = "Excessive bandwidth: resolves at or below this, Mbit/s.", min = "0")
    double bandwidth_clear() default 45;

    @AttributeDefinition(description = "Excessive bandwidth must hold this long, seconds.", min = "0", max = "3600")
    double bandwidth_for() default 5;

    @AttributeDefinition(description = "Severity of excessive bandwidth alerts.")
    Severity bandwidth_severity() default Severity.WARNING;

    @AttributeDefinition(description = "Packet loss: fires above this, percent.", min = "0", max = "100")
    double packet_loss_threshold() default 5;

    @AttributeDefinition(description = "Packet loss: resolves at or below this, percent.", min = "0", max = "100")
    double packet_loss_clear() default 3;

    @AttributeDefinition(description = "Packet loss must hold this long, seconds.", min = "0", max = "3600")
    double packet_loss_for() default 3;

    @AttributeDefinition(description = "Severity of packet loss alerts.")
    Severity packet_loss_severity() default Severity.WARNING;

    @AttributeDefinition(description = "Low FPS: fires below this, frames/s.", min = "0")
    double fps_threshold() default 15;

    @AttributeDefinition(description = "Low FPS: resolves at or above this, frames/s.", min = "0")
    double fps_clear() default 20;

    @AttributeDefinition(description = "Low FPS must hold this long, seconds.", min = "0", max = "3600")
    double fps_for() default 3;

    @AttributeDefinition(description = "Severity of low FPS alerts.")
    Severity fps_severity() default Severity.WARNING;

    @AttributeDefinition(description = "Low command rate (only while a session is active): fires below this, Hz.",
            min = "0")
    double command_rate_threshold() default 5;

    @AttributeDefinition(description = "Low command rate: resolves at or above this, Hz.", min = "0")
    double command_rate_clear() default 8;

    @AttributeDefinition(description = "Low command rate must hold this long, seconds.", min = "0", max = "3600")
    double command_rate_for() default 2;

    @AttributeDefinition(description = "Severity of low command rate alerts.")
    Severity command_rate_severity() default Severity.WARNING;

    @AttributeDefinition(description = "Resource spike: the monitor's CPU above this, percent of one core.",
            min = "0", max = "10000")
    double cpu_threshold() default 80;

    @AttributeDefinition(description = "Resource spike: CPU resolves at or below this, percent of one core.",
            min = "0", max = "10000")
    double cpu_clear() default 60;

    @AttributeDefinition(description = "Resource spike: the monitor's resident memory above this, MiB.", min = "1")
    double memory_threshold() default 512;

    @AttributeDefinition(description = "Resource spike: memory resolves at or below this, MiB.", min = "1")
    double memory_clear() default 450;

    @AttributeDefinition(description = "A resource spike must hold this long, seconds.", min = "0", max = "3600")
    double resource_for() default 10;

    @AttributeDefinition(description = "Severity of resource spikes alerts.")
    Severity resource_severity() default Severity.WARNING;

    @AttributeDefinition(description = "Series that must keep reporting while a session is active, comma-separated; "
            + "silent longer than signal.timeout raises signal_lost.")
    String[] signal_watch() default {"fps", "command_rate_hz"};

    @AttributeDefinition(description = "A watched series silent this long is lost, seconds.", min = "0.1", max = "3600")
    double signal_timeout() default 3;

    @AttributeDefinition(description = "Severity of signal lost alerts.")
    Severity signal_severity() default Severity.CRITICAL;

    @AttributeDefinition(description = "'for' duration of custom AlertCheck services, seconds.", min = "0", max = "3600")
    double check_for() default 0;

    @AttributeDefinition(description = "How often the monitor's own CPU and memory are sampled, seconds.",
            min = "1", max = "3600")
    int self_interval() default 5;
}
