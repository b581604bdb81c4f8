package org.teleopmon.wire.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MonitorStats;

/** How the monitor is doing: detectors, health, metric summaries, the engine's counters. */
final class StatusFields {

    private StatusFields() {
    }

    static void detector(DetectorStatus status, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("name", status.name());
        json.writeBooleanField("is_active", status.active());
        json.writeNumberField("confidence", status.confidence());
        json.writeNumberField("weight", status.weight());
        provider.defaultSerializeField("health", status.health() == null ? Health.ok() : status.health(), json);
        Units.time(json, "last_signal", status.lastSignal());
        json.writeNumberField("signals", status.signals());
        json.writeStringField("reason", status.reason());
        json.writeObjectFieldStart("measurements");
        for (Map.Entry<String, Double> m : new TreeMap<>(status.measurements()).entrySet()) {
            Units.number(json, m.getKey(), m.getValue());
        }
        json.writeEndObject();
    }

    /** The Felix level names, upper case: they are what health endpoints everywhere print. */
    static void health(Health health, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("status", health.status().name());
        json.writeStringField("message", health.message());
    }

    static void summary(MetricSummary summary, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("name", summary.name());
        json.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : new TreeMap<>(summary.tags()).entrySet()) {
            json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
        Units.seconds(json, "window", summary.window());
        json.writeNumberField("count", summary.count());
        Units.number(json, "min", summary.min());
        Units.number(json, "max", summary.max());
        Units.number(json, "mean", summary.mean());
        Units.number(json, "p50", summary.p50());
        Units.number(json, "p95", summary.p95());
        Units.number(json, "p99", summary.p99());
        Units.number(json, "last", summary.last());
        Units.number(json, "rate", summary.rate());
    }

    static void stats(MonitorStats stats, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeNumberField("detections", stats.detections());
        json.writeNumberField("state_changes", stats.stateChanges());
        Units.seconds(json, "uptime", stats.uptime());
        json.writeNumberField("sessions", stats.sessions());
        json.writeObjectFieldStart("per_detector");
        for (Map.Entry<String, Long> e : new TreeMap<>(stats.perDetector()).entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
