package org.teleopmon.engine.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;

/**
 * Posts every event to OSGi EventAdmin under {@code EventType.topic()}, with a flat, Decanter-style
 * envelope of simple values (plus the typed event under {@value #EVENT}) for consumers that do not
 * want to depend on the API.
 */
final class EventAdminBridge implements TeleopEventListener {

    static final String EVENT = "teleop.event";

    private volatile EventAdmin eventAdmin;

    void set(EventAdmin value) {
        eventAdmin = value;
    }

    void clear(EventAdmin value) {
        if (eventAdmin == value) {
            eventAdmin = null;
        }
    }

    @Override
    public void onEvent(TeleopEvent event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(event.type().topic(), properties(event)));
        }
    }

    static Map<String, Object> properties(TeleopEvent event) {
        Map<String, Object> p = new HashMap<>();
        p.put("type", event.type().wireName());
        p.put("timestamp", event.timestamp().toEpochMilli());
        p.put(EVENT, event);
        if (event.state() != null) {
            p.put("active", event.state().active());
            p.put("confidence", event.state().confidence());
            p.put("robot.type", event.state().robotType());
            p.put("operators", event.state().operators().stream().map(o -> o.operator().id()).toArray(String[]::new));
        }
        OperatorInfo operator = event.operator();
        if (operator != null) {
            p.put("operator.id", operator.operator().id());
            p.put("operator.name", operator.operator().name());
            p.put("operator.source", operator.operator().source().name());
        }
        SessionRecord session = event.session();
        if (session != null) {
            p.put("session.id", session.id());
            p.put("session.start", session.start().toEpochMilli());
            if (session.end() != null) {
                p.put("session.end", session.end().toEpochMilli());
            }
            p.put("session.duration.ms", session.duration().toMillis());
        }
        Stall stall = event.stall();
        if (stall != null) {
            p.put("stall.kind", stall.kind().wireName());
            p.put("stall.detector", stall.detector());
            p.put("stall.duration.ms", stall.duration().toMillis());
            if (stall.sessionId() != null) {
                p.put("session.id", stall.sessionId());
            }
        }
        return p;
    }
}
