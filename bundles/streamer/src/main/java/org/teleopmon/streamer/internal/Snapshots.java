package org.teleopmon.streamer.internal;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;

/** What a client gets on connect, and the current state, built from whichever sources are running. */
final class Snapshots {

    static final int PROTOCOL = 1;
    private static final int RECENT = 20;

    private final Sources sources;
    private final AlertLog alerts;
    private final MetricHistory history;
    private final HealthView health;
    private final String version;

    Snapshots(Sources sources, AlertLog alerts, MetricHistory history, HealthView health, String version) {
        this.sources = sources;
        this.alerts = alerts;
        this.history = history;
        this.health = health;
        this.version = version;
    }

    /** The current state, or null when no engine runs. */
    ObjectNode state() {
        TeleopState state = sources.monitor().map(TeleopMonitor::getState).orElse(null);
        return state == null ? null : Views.state(state);
    }

    ObjectNode stateMessage() {
        ObjectNode data = state();
        if (data == null) {
            data = Json.object();
            data.put("error", "engine_unavailable");
            data.put("message", "the engine is not running: no state yet");
        }
        return data;
    }

    ObjectNode hello() {
        ObjectNode data = Json.object();
        data.put("version", version);
        data.put("protocol", PROTOCOL);
        ArrayNode topics = data.putArray("topics");
        Topics.ALL.forEach(topics::add);
        data.set("state", state());
        ArrayNode sessions = data.putArray("sessions");
        sources.monitor().ifPresent(m -> m.getSessions().stream().limit(RECENT).map(Views::session)
                .forEach(sessions::add));
        ArrayNode recent = data.putArray("alerts");
        alerts.recent(RECENT).forEach(a -> recent.add(Views.alert(a)));
        data.put("history_window", history.window().toSeconds());
        data.set("history", history.toJson(Instant.now()));
        data.set("health", HealthView.toJson(health.checks()));
        return data;
    }
}
