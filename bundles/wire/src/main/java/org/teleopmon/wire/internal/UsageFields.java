package org.teleopmon.wire.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionOperator;
import org.teleopmon.api.usage.UsageTotal;

/** The usage ledger's records: a session as the ledger keeps it, its operators, usage totals. */
final class UsageFields {

    private UsageFields() {
    }

    /** A session's fields, then what the ledger adds; its operators carry when each was seen. */
    static void ledgerSession(LedgerSession ledger, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        Object operators = ledger.operators().isEmpty() ? ledger.session().operators() : ledger.operators();
        StateFields.session(ledger.session(), operators, ledger.stalls(), json, provider);
        EndReason reason = ledger.session().endReason();
        json.writeStringField("end_class", reason == null ? null : reason.kind().category());
        json.writeStringField("robot_id", ledger.robotId());
        json.writeNumberField("max_confidence", ledger.maxConfidence());
        provider.defaultSerializeField("detectors", ledger.detectors(), json);
        json.writeObjectFieldStart("quality");
        for (Map.Entry<String, Quality> e : new TreeMap<>(ledger.quality()).entrySet()) {
            json.writeObjectFieldStart(e.getKey());
            Units.number(json, "mean", e.getValue().mean());
            Units.number(json, "min", e.getValue().min());
            Units.number(json, "max", e.getValue().max());
            Units.number(json, "p95", e.getValue().p95());
            json.writeNumberField("samples", e.getValue().samples());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeNumberField("alerts_fired", ledger.alertsFired());
        provider.defaultSerializeField("alerts", ledger.alerts(), json);
    }

    static void sessionOperator(SessionOperator operator, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        StateFields.operator(operator.operator(), json, provider);
        Units.time(json, "first_seen", operator.firstSeen());
        Units.time(json, "last_seen", operator.lastSeen());
    }

    static void usageTotal(UsageTotal total, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("key", total.key());
        json.writeStringField("label", total.label());
        json.writeNumberField("sessions", total.sessions());
        Units.seconds(json, "time", total.time());
        json.writeObjectFieldStart("quality");
        for (Map.Entry<String, Double> e : new TreeMap<>(total.quality()).entrySet()) {
            Units.number(json, e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
