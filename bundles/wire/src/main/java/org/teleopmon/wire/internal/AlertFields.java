package org.teleopmon.wire.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import org.teleopmon.api.Alert;
import org.teleopmon.api.Silence;

/** Alerts and silences. */
final class AlertFields {

    private AlertFields() {
    }

    static void alert(Alert alert, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("rule", alert.rule());
        json.writeStringField("subject", alert.subject());
        json.writeStringField("severity", Units.lower(alert.severity()));
        json.writeStringField("status", Units.lower(alert.state()));
        json.writeStringField("event", alert.eventType().wireName());
        Units.number(json, "value", alert.value());
        Units.number(json, "threshold", alert.threshold());
        json.writeStringField("message", alert.message());
        Units.time(json, "timestamp", alert.timestamp());
    }

    static void silence(Silence silence, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStringField("rule", silence.rule());
        json.writeStringField("subject", silence.subject());
        Units.time(json, "until", silence.until());
    }
}
