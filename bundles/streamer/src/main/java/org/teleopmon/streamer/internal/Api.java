package org.teleopmon.streamer.internal;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.AlertService;
import org.teleopmon.api.Health;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.wire.Wire;

/** The HTTP API's answers, one method an endpoint. */
final class Api {

    private final Sources sources;
    private final Hub hub;
    private final HealthView health;
    private final PrometheusView prometheus;
    private final UsageApi usage;
    private final DetectorsView detectors;

    Api(Sources sources, Hub hub, HealthView health) {
        this.sources = sources;
        this.hub = hub;
        this.health = health;
        this.prometheus = new PrometheusView(sources, hub);
        this.usage = new UsageApi(sources);
        this.detectors = new DetectorsView(sources, health);
    }

    HttpReply status(Query query) {
        Optional<TeleopMonitor> monitor = sources.monitor();
        if (monitor.isEmpty()) {
            return engineUnavailable();
        }
        ObjectNode node = Wire.object(monitor.get().getState());
        node.set("stats", Wire.object(monitor.get().getStats()));
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
        ObjectNode node = Wire.object();
        Optional<MetricsCollector> metrics = sources.metrics();
        node.put("collector", metrics.isPresent());
        node.set("summaries", Wire.array(metrics.map(MetricsCollector::getSummary).orElse(List.of())));
        ObjectNode state = sources.monitor().map(m -> Wire.object(m.getState())).orElse(null);
        node.set("state_metrics", state == null ? null : state.get("metrics"));
        return HttpReply.ok(node);
    }

    HttpReply health(Query query) {
        var checks = health.checks();
        ObjectNode node = HealthView.toJson(checks);
        return HttpReply.json(HealthView.overall(checks).httpStatus(), node);
    }

    HttpReply live(Query query) {
        ObjectNode node = Wire.object();
        node.put("status", "OK");
        if (query.flag("verbose")) {
            node.put("message", "the streamer answers HTTP");
        }
        return HttpReply.ok(node);
    }

    HttpReply ready(Query query) {
        boolean ready = health.ready();
        ObjectNode node = Wire.object();
        node.put("status", ready ? Health.Status.OK.name() : Health.Status.TEMPORARILY_UNAVAILABLE.name());
        if (query.flag("verbose")) {
            node.put("engine", sources.monitor().isPresent());
            node.set("checks", HealthView.toJson(health.checks()));
        }
        return HttpReply.json(ready ? 200 : 503, node);
    }

    HttpReply sessions(Query query) {
        return usage.sessions(query);
    }

    HttpReply session(Query query, String id) {
        return usage.session(query, id);
    }

    HttpReply usage(Query query) {
        return usage.usage(query);
    }

    HttpReply detectors(Query query) {
        DetectorsView.Page page = page(query);
        ObjectNode node = Wire.object();
        node.put("engine", sources.monitor().isPresent());
        node.put("offset", page.offset());
        node.put("limit", page.limit());
        ArrayNode list = node.putArray("detectors");
        detectors.all(page).forEach(list::add);
        return HttpReply.ok(node);
    }

    HttpReply detector(Query query, String name) {
        DetectorsView.Page page = page(query);
        Optional<ObjectNode> entry = detectors.one(name, page);
        if (entry.isEmpty()) {
            return HttpReply.error(404, "not_found", "no detector named \"" + Strings.clip(name, 40)
                    + "\"; detectors: " + detectors.names());
        }
        ObjectNode node = Wire.object();
        node.put("engine", sources.monitor().isPresent());
        node.put("offset", page.offset());
        node.put("limit", page.limit());
        node.set("detector", entry.get());
        return HttpReply.ok(node);
    }

    /** {@code ?offset=&limit=} of a detector's rows: limit 1..1000 (default 100), any offset from 0. */
    private static DetectorsView.Page page(Query query) {
        return new DetectorsView.Page(query.longValue("offset", 0), query.intValue("limit", 100, 1, 1000));
    }

    HttpReply alerts(Query query) {
        int limit = query.intValue("limit", 100, 1, 1000);
        Optional<AlertService> alerts = sources.alerts();
        if (alerts.isEmpty()) {
            return HttpReply.error(503, "alerts_unavailable",
                    "no alert provider: the metrics bundle (feature teleop-metrics) is not running");
        }
        ObjectNode node = Wire.object();
        node.put("provider", true);
        node.set("active", Wire.array(alerts.get().active()));
        node.set("recent", Wire.array(alerts.get().history(limit)));
        node.set("silences", Wire.array(alerts.get().silences()));
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
