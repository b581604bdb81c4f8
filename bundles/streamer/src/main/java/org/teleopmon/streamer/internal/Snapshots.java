package org.teleopmon.streamer.internal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.wire.Wire;

/** What a client gets on connect, and the current state, built from whichever sources are running. */
final class Snapshots {

    static final int PROTOCOL = 1;
    private static final int RECENT = 20;

    private final Sources sources;
    private final MetricHistory history;
    private final HealthView health;
    private final String version;

    Snapshots(Sources sources, MetricHistory history, HealthView health, String version) {
        this.sources = sources;
        this.history = history;
        this.health = health;
        this.version = version;
    }

    /** The current state, or null when no engine runs. */
    ObjectNode state() {
        TeleopState state = sources.monitor().map(TeleopMonitor::getState).orElse(null);
        return state == null ? null : Wire.object(state);
    }

    ObjectNode stateMessage() {
        ObjectNode data = state();
        if (data == null) {
            data = Wire.object();
            data.put("error", "engine_unavailable");
            data.put("message", "the engine is not running: no state yet");
        }
        return data;
    }

    ObjectNode hello() {
        ObjectNode data = Wire.object();
        data.put("version", version);
        data.put("protocol", PROTOCOL);
        ArrayNode topics = data.putArray("topics");
        Topics.ALL.forEach(topics::add);
        data.set("state", state());
        data.set("sessions", Wire.array(sources.monitor()
                .map(m -> m.getSessions().stream().limit(RECENT).toList()).orElse(List.of())));
        data.set("alerts", Wire.array(sources.alerts().map(a -> a.history(RECENT)).orElse(List.of())));
        data.put("history_window", history.window().toSeconds());
        data.set("history", history.toJson(Instant.now()));
        data.set("health", HealthView.toJson(health.checks()));
        return data;
    }
}
