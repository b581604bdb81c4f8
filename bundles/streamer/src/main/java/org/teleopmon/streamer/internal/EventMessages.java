package org.teleopmon.streamer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.TeleopEvent;

/** The {@code data} of the seed's {@code {"type": <event>, "data": {...}}} for each kind of event. */
public final class EventMessages {

    private EventMessages() {
    }

    public static ObjectNode data(TeleopEvent event) {
        if (event.alert() != null) {
            return Views.alert(event.alert());
        }
        if (event.operator() == null && event.session() == null) {
            return event.state() == null ? Json.object() : Views.state(event.state());
        }
        ObjectNode data = Json.object();
        if (event.operator() != null) {
            data.set("operator", Views.operator(event.operator()));
        }
        if (event.session() != null) {
            data.set("session", Views.session(event.session()));
        }
        if (event.state() != null) {
            data.set("state", Views.state(event.state()));
        }
        return data;
    }
}
