package org.teleopmon.engine.command;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.TeleopState;

/** The state as JSON, with the seed's snake_case names; written with Jackson's streaming generator. */
final class StateJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StateJson() {
    }

    static String write(TeleopState state) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeBooleanField("active", state.active());
            json.writeNumberField("confidence", state.confidence());
            json.writeStringField("robot_type", state.robotType());
            instant(json, "start_time", state.startTime());
            json.writeNumberField("duration", state.duration().toMillis() / 1000.0);
            json.writeArrayFieldStart("operators");
            for (OperatorInfo info : state.operators()) {
                json.writeStartObject();
                json.writeStringField("id", info.operator().id());
                json.writeStringField("name", info.operator().name());
                json.writeStringField("source", info.operator().source().name().toLowerCase());
                json.writeStringField("detail", info.operator().detail());
                instant(json, "first_seen", info.firstSeen());
                instant(json, "last_seen", info.lastSeen());
                json.writeArrayFieldStart("detectors");
                for (String detector : info.detectors()) {
                    json.writeString(detector);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("metrics");
            for (var metric : new java.util.TreeMap<>(state.metrics()).entrySet()) {
                json.writeObjectFieldStart(metric.getKey());
                json.writeNumberField("value", metric.getValue().value());
                json.writeStringField("source", metric.getValue().source());
                instant(json, "timestamp", metric.getValue().timestamp());
                json.writeEndObject();
            }
            json.writeEndObject();
            instant(json, "timestamp", state.timestamp());
            json.writeEndObject();
        }
        return out.toString();
    }

    private static void instant(JsonGenerator json, String name, Instant value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value.toString());
        }
    }
}
