package org.teleopmon.streamer.internal;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.Health;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.TeleopMonitor;

/** The HTTP API's answers, one method an endpoint. */
final class Api {

    private final Sources sources;
    private final Hub hub;
    private final AlertLog alerts;
    private final HealthView health;
    private final PrometheusView prometheus;

    Api(Sources sources, Hub hub, AlertLog alerts, HealthView health) {
        this.sources = sources;
        this.hub = hub;
        this.alerts = alerts;
        this.health = health;
        this.prometheus = new PrometheusView(sources, hub, alerts);
    }

    HttpReply status(Query query) {
        Optional<TeleopMonitor> monitor = sources.monitor();
        if (monitor.isEmpty()) {
            return engineUnavailable();
        }
        ObjectNode node = Views.state(monitor.get().getState());
        node.set("stats", Views.stats(monitor.get().getStats()));
        node.put("clients", hub.clientCount());
        return HttpReply.ok(node);
    }

    HttpReply metrics(Query query, String accept) {
        String format = query.value("format");
        if (format != null && !format.equals("json") && !format.equals("prometheus")) {
            throw new BadQuery("\"format\" must be json or prometheus");
        }
        if ("prometheus".equals(format) || format == null && wantsPrometheus(accept)) {
            return HttpReply.text(HttpReply.PROMETHEUS, prometheus.render());
        }
        ObjectNode node = Json.object();
        Optional<MetricsCollector> metrics = sources.metrics();
        node.put("collector", metrics.isPresent());
        ArrayNode summaries = node.putArray("summaries");
        metrics.ifPresent(m -> m.getSummary().forEach(s -> summaries.add(Views.summary(s))));
        ObjectNode state = sources.monitor().map(m -> Views.state(m.getState())).orElse(null);
        node.set("state_metrics", state == null ? null : state.get("metrics"));
        return HttpReply.ok(node);
    }

    HttpReply health(Query query) {
        var checks = health.checks();
        ObjectNode node = HealthView.toJson(checks);
        return HttpReply.json(HealthView.overall(checks).httpStatus(), node);
    }

    HttpReply live(Query query) {
        ObjectNode node = Json.object();
        node.put("status", "OK");
        if (query.flag("verbose")) {
            node.put("message", "the streamer answers HTTP");
        }
        return HttpReply.ok(node);
    }

    HttpReply ready(Query query) {
        boolean ready = health.ready();
        ObjectNode node = Json.object();
        node.put("status", ready ? Health.Status.OK.name() : Health.Status.TEMPORARILY_UNAVAILABLE.name());
        if (query.flag("verbose")) {
            node.put("engine", sources.monitor().isPresent());
            node.set("checks", HealthView.toJson(health.checks()));
        }
        return HttpReply.json(ready ? 200 : 503, node);
    }

    HttpReply sessions(Query query) {
        int limit = query.intValue("limit", 50, 1, 1000);
        Optional<TeleopMonitor> monitor = sources.monitor();
        if (monitor.isEmpty()) {
            return engineUnavailable();
        }
        ObjectNode node = Json.object();
        ArrayNode sessions = node.putArray("sessions");
        monitor.get().getSessions().stream().limit(limit).forEach(s -> sessions.add(Views.session(s)));
        return HttpReply.ok(node);
    }

    HttpReply detectors(Query query) {
        ObjectNode node = Json.object();
        ArrayNode detectors = node.putArray("detectors");
        Optional<TeleopMonitor> monitor = sources.monitor();
        node.put("engine", monitor.isPresent());
        if (monitor.isPresent()) {
            monitor.get().getDetectors().forEach(d -> detectors.add(Views.detector(d)));
        } else {
            for (HealthView.Check check : health.checks()) {
                if (check.kind().equals("detector") && !sources.detectors().isEmpty()) {
                    ObjectNode entry = Json.object();
                    entry.put("name", check.name());
                    entry.set("health", Views.health(check.health()));
                    detectors.add(entry);
                }
            }
        }
        return HttpReply.ok(node);
    }

    HttpReply alerts(Query query) {
        int limit = query.intValue("limit", 100, 1, 1000);
        boolean provider = sources.metrics().isPresent();
        var recent = alerts.recent(limit);
        if (!provider && recent.isEmpty()) {
            return HttpReply.error(503, "alerts_unavailable",
                    "no alert provider: the metrics bundle (feature teleop-metrics) is not running");
        }
        ObjectNode node = Json.object();
        node.put("provider", provider);
        ArrayNode active = node.putArray("active");
        alerts.active().forEach(a -> active.add(Views.alert(a)));
        ArrayNode list = node.putArray("recent");
        recent.forEach(a -> list.add(Views.alert(a)));
        return HttpReply.ok(node);
    }

    private static boolean wantsPrometheus(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(java.util.Locale.ROOT);
        return !lower.contains("application/json")
                && (lower.contains("text/plain") || lower.contains("application/openmetrics-text"));
    }

    private static HttpReply engineUnavailable() {
        return HttpReply.error(503, "engine_unavailable",
                "the engine (feature teleop-engine) is not running: no state to report");
    }
}
