package org.teleopmon.streamer.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Reading;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerCounters;

/**
 * {@code GET /metrics} for Prometheus: the state, the engine's counters, each detector, every metric
 * summary (one gauge family per series, a bounded {@code stat} label) and the streamer itself.
 */
final class PrometheusView {

    private static final List<String> END_CLASSES = Arrays.stream(EndReason.Kind.values()).map(EndReason.Kind::category)
            .distinct().sorted().toList();
    private static final String[] STATS = {"last", "mean", "min", "max", "p50", "p95", "p99"};

    private final Sources sources;
    private final Hub hub;

    PrometheusView(Sources sources, Hub hub) {
        this.sources = sources;
        this.hub = hub;
    }

    String render() {
        PromFamilies out = new PromFamilies();
        // Identity is an info metric, not a label on every series: Prometheus gives each series its
        // target's labels (robot, site) from service discovery (docs/fleet.md); rules can check both agree.
        sources.robot().ifPresent(robot -> out.add("teleop_robot_info", "gauge",
                "Always 1; the robot identity this monitor is configured with (org.teleopmon.robot).",
                Map.of("configured_robot", robot.robotId(), "configured_site", robot.site()), 1));
        sources.monitor().ifPresent(monitor -> engine(out, monitor));
        sources.metrics().ifPresent(metrics -> summaries(out, metrics.getSummary()));
        sources.ledger().ifPresent(ledger -> ledger(out, ledger.counters()));
        sources.alerts().ifPresent(alerts -> out.add("teleop_alerts_firing", "gauge",
                "Alerts firing now (one per rule and subject).", Map.of(), alerts.active().size()));
        out.add("teleop_streamer_clients", "gauge", "WebSocket clients connected.", Map.of(), hub.clientCount());
        out.add("teleop_streamer_messages_total", "counter", "Messages broadcast to WebSocket clients.", Map.of(),
                hub.publishedCount());
        for (String reason : List.of("slow", "flood", "max_clients", "protocol")) {
            out.add("teleop_streamer_clients_dropped_total", "counter",
                    "WebSocket clients closed by the server, by reason.", Map.of("reason", reason),
                    hub.droppedCounts().getOrDefault(reason, 0L));
        }
        return out.text();
    }

    private static void engine(PromFamilies out, TeleopMonitor monitor) {
        TeleopState state = monitor.getState();
        out.add("teleop_active", "gauge", "1 while a teleoperation session is in progress.", Map.of(),
                state.active() ? 1 : 0);
        out.add("teleop_confidence_ratio", "gauge", "Fused confidence that the robot is teleoperated, 0..1.",
                Map.of(), state.confidence() / 100.0);
        out.add("teleop_operators", "gauge", "Operators seen now.", Map.of(), state.operators().size());
        out.add("teleop_session_duration_seconds", "gauge", "Length of the current session; 0 when idle.",
                Map.of(), state.duration().toMillis() / 1000.0);
        for (String name : Measurements.STATE_METRICS) {
            Reading reading = state.metrics().get(name);
            if (reading != null) {
                BaseUnits unit = BaseUnits.of(name);
                out.add("teleop_reading_" + unit.name(), "gauge", "Latest " + name + " on the state, in base units.",
                        Map.of("source", reading.source()), unit.convert(reading.value()));
            }
        }
        MonitorStats stats = monitor.getStats();
        out.add("teleop_detections_total", "counter", "Detector signals received by the engine.", Map.of(),
                stats.detections());
        out.add("teleop_state_changes_total", "counter", "Idle/active transitions.", Map.of(), stats.stateChanges());
        out.add("teleop_sessions_total", "counter", "Teleoperation sessions started.", Map.of(), stats.sessions());
        out.add("teleop_uptime_seconds", "gauge", "Time since the engine started.", Map.of(),
                stats.uptime().toMillis() / 1000.0);
        new TreeMap<>(stats.perDetector()).forEach((detector, count) -> out.add("teleop_detector_signals_total",
                "counter", "Signals received from each detector.", Map.of("detector", detector), count));
        for (DetectorStatus detector : monitor.getDetectors()) {
            Map<String, String> labels = Map.of("detector", detector.name());
            out.add("teleop_detector_active", "gauge", "1 while the detector sees teleoperation.", labels,
                    detector.active() ? 1 : 0);
            out.add("teleop_detector_confidence_ratio", "gauge", "The detector's own confidence, 0..1.", labels,
                    detector.confidence() / 100.0);
            out.add("teleop_detector_healthy", "gauge", "1 while the detector's health is OK or WARN.", labels,
                    detector.health() == null || detector.health().status().httpStatus() == 200 ? 1 : 0);
        }
        measurements(out, monitor.getDetectors());
    }

    /**
     * One family per measurement name, in base units, labelled by detector only: a name has one meaning
     * and unit, so sums and averages over a family make sense (one family with a {@code name} label
     * would mix hertz with seconds). Names are the detectors' own, a bounded set; peers, streams and
     * devices stay in {@code /detectors}. A {@code _total} is the detector's running count: a counter.
     */
    private static void measurements(PromFamilies out, List<DetectorStatus> detectors) {
        Map<String, Map<String, Double>> byFamily = new TreeMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        for (DetectorStatus detector : detectors) {
            detector.measurements().forEach((name, value) -> {
                BaseUnits unit = BaseUnits.of(name);
                String family = "teleop_measurement_" + unit.name();
                // two names in other units of one quantity (x_ms, x_s) meet in one family: the first wins
                if (source.putIfAbsent(family + "/" + detector.name(), name) == null) {
                    byFamily.computeIfAbsent(family, f -> new TreeMap<>()).put(detector.name(), unit.convert(value));
                }
            });
        }
        byFamily.forEach((family, values) -> {
            boolean counter = family.endsWith("_total");
            values.forEach((detector, value) -> out.add(family, counter ? "counter" : "gauge",
                    "Detector measurement " + family.substring("teleop_measurement_".length())
                            + " (base units), from each detector's latest signal.",
                    Map.of("detector", detector), value));
        });
    }

    /** One series per end class: the four of {@link org.teleopmon.api.EndReason.Kind#category()}, no more. */
    private static void ledger(PromFamilies out, LedgerCounters counters) {
        for (String endClass : END_CLASSES) {
            Map<String, String> labels = Map.of("end_class", endClass);
            out.add("teleop_ledger_sessions_total", "counter", "Ended sessions the usage ledger recorded, by end class.",
                    labels, counters.sessions().getOrDefault(endClass, 0L));
            out.add("teleop_ledger_session_seconds_total", "counter",
                    "Teleoperation time of the ended sessions the usage ledger recorded, by end class.", labels,
                    counters.seconds().getOrDefault(endClass, 0.0));
        }
        out.add("teleop_ledger_write_failures_total", "counter",
                "Writes to the ledger's file that failed (each retried until it succeeds).", Map.of(),
                counters.failedWrites());
        out.add("teleop_ledger_waiting", "gauge", "Sessions and alerts held in memory until the ledger's file accepts them.",
                Map.of(), counters.waiting());
    }

    private static void summaries(PromFamilies out, List<MetricSummary> summaries) {
        for (MetricSummary summary : summaries) {
            BaseUnits unit = BaseUnits.of(summary.name());
            // A windowed statistic is a gauge; a gauge named like a counter would mislead.
            String family = "teleop_metric_" + unit.name().replaceAll("_total$", "");
            double[] values = {summary.last(), summary.mean(), summary.min(), summary.max(), summary.p50(),
                summary.p95(), summary.p99()};
            for (int i = 0; i < STATS.length; i++) {
                Map<String, String> labels = labels(summary.tags());
                labels.put("stat", STATS[i]);
                out.add(family, "gauge", summary.name() + " over the metrics window, in base units; stat says which "
                        + "statistic.", labels, unit.convert(values[i]));
            }
            Map<String, String> labels = labels(summary.tags());
            labels.put("metric", unit.name());
            out.add("teleop_metric_window_samples", "gauge", "Samples in each series' window.", labels,
                    summary.count());
        }
    }

    private static Map<String, String> labels(Map<String, String> tags) {
        Map<String, String> labels = new LinkedHashMap<>();
        new TreeMap<>(tags).forEach((k, v) -> labels.put(k.equals("stat") || k.equals("metric") ? "tag_" + k : k, v));
        return labels;
    }
}
