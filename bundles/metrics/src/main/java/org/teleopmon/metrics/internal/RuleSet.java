package org.teleopmon.metrics.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.EventType;
import org.teleopmon.api.Measurements;

/** The seed's built-in rules, as configured. */
final class RuleSet {

    static final double MIB = 1024 * 1024;
    static final String SIGNAL_LOST = "signal_lost";
    static final Set<String> BANDWIDTH_SERIES = Set.of(Measurements.BANDWIDTH_MBPS, "video_bandwidth_mbps",
            "control_bandwidth_mbps");

    private RuleSet() {
    }

    static List<ThresholdRule> from(MetricsConfig c) {
        return List.of(
                new ThresholdRule("high_latency", Set.of(Measurements.LATENCY_MS), EventType.LATENCY_WARNING, true,
                        c.latency_threshold(), c.latency_clear(), seconds(c.latency_for()), c.latency_severity(),
                        false, " ms"),
                new ThresholdRule("high_bandwidth", BANDWIDTH_SERIES, EventType.BANDWIDTH_WARNING, true,
                        c.bandwidth_threshold(), c.bandwidth_clear(), seconds(c.bandwidth_for()),
                        c.bandwidth_severity(), false, " Mbit/s"),
                new ThresholdRule("packet_loss", Set.of(Measurements.PACKET_LOSS_PERCENT),
                        EventType.PACKET_LOSS_WARNING, true, c.packet_loss_threshold(), c.packet_loss_clear(),
                        seconds(c.packet_loss_for()), c.packet_loss_severity(), false, " %"),
                new ThresholdRule("low_fps", Set.of(Measurements.FPS), EventType.FPS_WARNING, false,
                        c.fps_threshold(), c.fps_clear(), seconds(c.fps_for()), c.fps_severity(), false, " fps"),
                new ThresholdRule("low_command_rate", Set.of(Measurements.COMMAND_RATE_HZ),
                        EventType.COMMAND_RATE_WARNING, false, c.command_rate_threshold(), c.command_rate_clear(),
                        seconds(c.command_rate_for()), c.command_rate_severity(), true, " Hz"),
                new ThresholdRule("high_cpu", Set.of(SelfMonitor.CPU_PERCENT), EventType.RESOURCE_WARNING, true,
                        c.cpu_threshold(), c.cpu_clear(), seconds(c.resource_for()), c.resource_severity(), false,
                        " % of one core"),
                new ThresholdRule("high_memory", Set.of(SelfMonitor.RSS_BYTES), EventType.RESOURCE_WARNING, true,
                        c.memory_threshold() * MIB, c.memory_clear() * MIB, seconds(c.resource_for()),
                        c.resource_severity(), false, " MiB"));
    }

    static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
