package org.teleopmon.wire.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.Stalls;

/** The state and what it is made of: operators and sessions. */
final class StateFields {

    private StateFields() {
    }

    /** Every state metric is present: its latest value (0.0 when unknown, as the seed) and its source (null). */
    static void state(TeleopState state, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeBooleanField("is_active", state.active());
        provider.defaultSerializeField("operators", state.operators(), json);
        json.writeNumberField("confidence", state.confidence());
        Units.time(json, "start_time", state.startTime());
        Units.seconds(json, "duration", state.duration());
        json.writeStringField("robot_type", state.robotType());
        json.writeObjectFieldStart("metrics");
        for (String name : Measurements.STATE_METRICS) {
            json.writeNumberField(name, state.metricValue(name));
        }
        json.writeEndObject();
        json.writeObjectFieldStart("metric_sources");
        for (String name : Measurements.STATE_METRICS) {
            Reading reading = state.metrics().get(name);
            json.writeStringField(name, reading == null ? null : reading.source());
        }
        json.writeEndObject();
        Units.time(json, "timestamp", state.timestamp());
    }

    static void operator(Operator operator, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("id", operator.id());
        json.writeStringField("name", operator.name());
        json.writeStringField("source", Units.lower(operator.source()));
        json.writeStringField("detail", operator.detail());
    }

    static void operatorInfo(OperatorInfo info, JsonGenerator json, SerializerProvider provider) throws IOException {
        operator(info.operator(), json, provider);
        Units.time(json, "first_seen", info.firstSeen());
        Units.time(json, "last_seen", info.lastSeen());
        json.writeArrayFieldStart("detectors");
        for (String detector : info.detectors().stream().sorted().toList()) {
            json.writeString(detector);
        }
        json.writeEndArray();
    }

    static void session(SessionRecord session, JsonGenerator json, SerializerProvider provider) throws IOException {
        session(session, session.operators(), session.stalls(), json, provider);
    }

    /**
     * A session's fields with {@code operators} and {@code stalls} as given: the ledger's operators carry
     * when each was seen, and its stalls are those it stored.
     */
    static void session(SessionRecord session, Object operators, Stalls stalls, JsonGenerator json,
            SerializerProvider provider) throws IOException {
        json.writeStringField("id", session.id());
        Units.time(json, "start_time", session.start());
        Units.time(json, "end_time", session.end());
        Units.seconds(json, "duration", session.duration());
        json.writeBooleanField("is_active", session.isOpen());
        provider.defaultSerializeField("operators", operators, json);
        json.writeStringField("robot_type", session.robotType());
        EndReason reason = session.endReason();
        if (reason == null) {
            json.writeNullField("end_reason");
            json.writeNullField("end_detail");
        } else {
            json.writeStringField("end_reason", reason.kind().wireName());
            json.writeStringField("end_detail", reason.detail());
        }
        json.writeObjectFieldStart("summary");
        for (Map.Entry<String, SessionRecord.Figures> e : new TreeMap<>(session.summary()).entrySet()) {
            json.writeObjectFieldStart(e.getKey());
            Units.number(json, "mean", e.getValue().mean());
            Units.number(json, "peak", e.getValue().peak());
            json.writeNumberField("samples", e.getValue().samples());
            json.writeEndObject();
        }
        json.writeEndObject();
        stalls(stalls, json);
    }

    /** {@code "stalls": {"count", "worst_ms"}}, {@code null}s when nothing measured them. */
    private static void stalls(Stalls stalls, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("stalls");
        if (stalls.counted()) {
            json.writeNumberField("count", stalls.count());
        } else {
            json.writeNullField("count");
        }
        Units.number(json, "worst_ms", stalls.worstMs());
        json.writeEndObject();
    }
}
