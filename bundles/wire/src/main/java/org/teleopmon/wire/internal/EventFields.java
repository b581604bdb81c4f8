package org.teleopmon.wire.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;

/** Messages: the envelope, and what an event carries as its data. */
final class EventFields {

    private EventFields() {
    }

    static void envelope(Envelope envelope, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("type", envelope.type());
        if (envelope.seq() != Envelope.NO_SEQ) {
            json.writeNumberField("seq", envelope.seq());
        }
        Units.time(json, "timestamp", envelope.timestamp());
        if (envelope.data() == null) {
            json.writeObjectFieldStart("data");
            json.writeEndObject();
        } else {
            provider.defaultSerializeField("data", envelope.data(), json);
        }
    }

    static void event(TeleopEvent event, JsonGenerator json, SerializerProvider provider) throws IOException {
        envelope(new Envelope(event.type().wireName(), Envelope.NO_SEQ, event.timestamp(), new EventData(event)), json,
                provider);
    }

    /** A warning is its alert; a stall is the stall; a state update is its state; the rest name their parts. */
    static void data(EventData data, JsonGenerator json, SerializerProvider provider) throws IOException {
        TeleopEvent event = data.event();
        if (event.alert() != null) {
            AlertFields.alert(event.alert(), json, provider);
        } else if (event.stall() != null) {
            stall(event.stall(), json, provider);
        } else if (event.operator() == null && event.session() == null) {
            if (event.state() != null) {
                StateFields.state(event.state(), json, provider);
            }
        } else {
            if (event.operator() != null) {
                provider.defaultSerializeField("operator", event.operator(), json);
            }
            if (event.session() != null) {
                provider.defaultSerializeField("session", event.session(), json);
            }
            if (event.state() != null) {
                provider.defaultSerializeField("state", event.state(), json);
            }
        }
    }

    static void stall(Stall stall, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("kind", stall.kind().wireName());
        json.writeStringField("detector", stall.detector());
        Units.time(json, "started", stall.started());
        Units.time(json, "ended", stall.ended());
        Units.seconds(json, "duration", stall.duration());
        Units.seconds(json, "threshold", stall.threshold());
        json.writeStringField("session_id", stall.sessionId());
    }
}
