package org.teleopmon.shm.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.teleopmon.api.Alert;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;

/**
 * A {@link TeleopEvent} as the compact JSON a ring record carries: the event's type and time, a
 * summary of the state, and the operator, session or alert the event is about. Not thread-safe.
 */
final class EventJson {

    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    byte[] encode(TeleopEvent event) {
        out.reset();
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", event.type().wireName());
            json.writeNumberField("timestamp_ms", event.timestamp().toEpochMilli());
            if (event.state() != null) {
                writeState(json, event.state());
            }
            if (event.operator() != null) {
                json.writeFieldName("operator");
                writeOperator(json, event.operator());
            }
            if (event.session() != null) {
                writeSession(json, event.session());
            }
            if (event.alert() != null) {
                writeAlert(json, event.alert());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.type(), e);
        }
        return out.toByteArray();
    }

    private static void writeState(JsonGenerator json, TeleopState state) throws IOException {
        json.writeBooleanField("is_active", state.active());
        json.writeNumberField("confidence", state.confidence());
        json.writeNumberField("operators", state.operators().size());
    }

    private static void writeOperator(JsonGenerator json, OperatorInfo info) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", info.operator().id());
        json.writeStringField("name", info.operator().name());
        json.writeStringField("source", info.operator().source().name());
        json.writeEndObject();
    }

    private static void writeSession(JsonGenerator json, SessionRecord session) throws IOException {
        json.writeObjectFieldStart("session");
        json.writeStringField("id", session.id());
        json.writeNumberField("start_ms", session.start().toEpochMilli());
        if (session.end() != null) {
            json.writeNumberField("end_ms", session.end().toEpochMilli());
        }
        json.writeNumberField("duration_ms", session.duration().toMillis());
        json.writeEndObject();
    }

    private static void writeAlert(JsonGenerator json, Alert alert) throws IOException {
        json.writeObjectFieldStart("alert");
        json.writeStringField("rule", alert.rule());
        json.writeStringField("severity", alert.severity().name());
        json.writeStringField("state", alert.state().name());
        json.writeNumberField("value", alert.value());
        json.writeNumberField("threshold", alert.threshold());
        json.writeStringField("message", alert.message());
        json.writeEndObject();
    }
}
