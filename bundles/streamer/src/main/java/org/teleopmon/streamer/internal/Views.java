package org.teleopmon.streamer.internal;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.Alert;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopState;

/** API records as the seed's JSON: snake_case names, epoch-second times, second durations. */
public final class Views {

    private Views() {
    }

    public static ObjectNode state(TeleopState state) {
        ObjectNode node = Json.object();
        node.put("is_active", state.active());
        ArrayNode operators = node.putArray("operators");
        state.operators().forEach(o -> operators.add(operator(o)));
        node.put("confidence", state.confidence());
        node.put("start_time", Json.epochSeconds(state.startTime()));
        node.put("duration", Json.seconds(state.duration()));
        node.put("robot_type", state.robotType());
        ObjectNode metrics = node.putObject("metrics");
        ObjectNode sources = node.putObject("metric_sources");
        for (String name : Measurements.STATE_METRICS) {
            metrics.put(name, state.metricValue(name));
            Reading reading = state.metrics().get(name);
            sources.put(name, reading == null ? null : reading.source());
        }
        node.put("timestamp", Json.epochSeconds(state.timestamp()));
        return node;
    }

    public static ObjectNode operator(OperatorInfo info) {
        ObjectNode node = operator(info.operator());
        node.put("first_seen", Json.epochSeconds(info.firstSeen()));
        node.put("last_seen", Json.epochSeconds(info.lastSeen()));
        ArrayNode detectors = node.putArray("detectors");
        info.detectors().stream().sorted().forEach(detectors::add);
        return node;
    }

    public static ObjectNode operator(Operator operator) {
        ObjectNode node = Json.object();
        node.put("id", operator.id());
        node.put("name", operator.name());
        node.put("source", operator.source().name().toLowerCase(Locale.ROOT));
        node.put("detail", operator.detail());
        return node;
    }

    public static ObjectNode session(SessionRecord session) {
        ObjectNode node = Json.object();
        node.put("id", session.id());
        node.put("start_time", Json.epochSeconds(session.start()));
        node.put("end_time", Json.epochSeconds(session.end()));
        node.put("duration", Json.seconds(session.duration()));
        node.put("is_active", session.isOpen());
        ArrayNode operators = node.putArray("operators");
        session.operators().forEach(o -> operators.add(operator(o)));
        node.put("robot_type", session.robotType());
        ObjectNode summary = node.putObject("summary");
        for (Map.Entry<String, SessionRecord.Figures> e : session.summary().entrySet()) {
            ObjectNode figures = summary.putObject(e.getKey());
            Json.putNumber(figures, "mean", e.getValue().mean());
            Json.putNumber(figures, "peak", e.getValue().peak());
            figures.put("samples", e.getValue().samples());
        }
        return node;
    }

    public static ObjectNode alert(Alert alert) {
        ObjectNode node = Json.object();
        node.put("rule", alert.rule());
        node.put("subject", alert.subject());
        node.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
        node.put("status", alert.state().name().toLowerCase(Locale.ROOT));
        node.put("event", alert.eventType().wireName());
        Json.putNumber(node, "value", alert.value());
        Json.putNumber(node, "threshold", alert.threshold());
        node.put("message", alert.message());
        node.put("timestamp", Json.epochSeconds(alert.timestamp()));
        return node;
    }

    public static ObjectNode detector(DetectorStatus status) {
        ObjectNode node = Json.object();
        node.put("name", status.name());
        node.put("is_active", status.active());
        node.put("confidence", status.confidence());
        node.put("weight", status.weight());
        node.set("health", health(status.health() == null ? Health.ok() : status.health()));
        node.put("last_signal", Json.epochSeconds(status.lastSignal()));
        node.put("signals", status.signals());
        node.put("reason", status.reason());
        return node;
    }

    public static ObjectNode health(Health health) {
        ObjectNode node = Json.object();
        node.put("status", health.status().name());
        node.put("message", health.message());
        return node;
    }

    public static ObjectNode summary(MetricSummary summary) {
        ObjectNode node = Json.object();
        node.put("name", summary.name());
        ObjectNode tags = node.putObject("tags");
        summary.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> tags.put(e.getKey(), e.getValue()));
        node.put("window", Json.seconds(summary.window()));
        node.put("count", summary.count());
        Json.putNumber(node, "min", summary.min());
        Json.putNumber(node, "max", summary.max());
        Json.putNumber(node, "mean", summary.mean());
        Json.putNumber(node, "p50", summary.p50());
        Json.putNumber(node, "p95", summary.p95());
        Json.putNumber(node, "p99", summary.p99());
        Json.putNumber(node, "last", summary.last());
        Json.putNumber(node, "rate", summary.rate());
        return node;
    }

    public static ObjectNode stats(MonitorStats stats) {
        ObjectNode node = Json.object();
        node.put("detections", stats.detections());
        node.put("state_changes", stats.stateChanges());
        node.put("uptime", Json.seconds(stats.uptime()));
        node.put("sessions", stats.sessions());
        ObjectNode per = node.putObject("per_detector");
        stats.perDetector().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> per.put(e.getKey(), e.getValue()));
        return node;
    }
}
