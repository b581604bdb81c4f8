package org.teleopmon.wire.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import org.teleopmon.api.Alert;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Silence;
import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionOperator;
import org.teleopmon.api.usage.UsageTotal;

/** A serializer for each API record, so that the API bundle itself stays free of Jackson. */
public final class WireModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public WireModule() {
        super("teleop-wire", Version.unknownVersion());
        record(TeleopState.class, StateFields::state);
        record(OperatorInfo.class, StateFields::operatorInfo);
        record(Operator.class, StateFields::operator);
        record(SessionRecord.class, StateFields::session);
        record(Alert.class, AlertFields::alert);
        record(Silence.class, AlertFields::silence);
        record(Stall.class, EventFields::stall);
        record(DetectorStatus.class, StatusFields::detector);
        record(Health.class, StatusFields::health);
        record(MetricSummary.class, StatusFields::summary);
        record(MonitorStats.class, StatusFields::stats);
        record(TeleopEvent.class, EventFields::event);
        record(EventData.class, EventFields::data);
        record(Envelope.class, EventFields::envelope);
        record(LedgerSession.class, UsageFields::ledgerSession);
        record(SessionOperator.class, UsageFields::sessionOperator);
        record(UsageTotal.class, UsageFields::usageTotal);
        addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeNumber(Units.epochSeconds(value));
            }
        });
        // A detector's table rows (Detector.details()) hold boxed doubles: JSON has no NaN, so unknown is null.
        addSerializer(Double.class, new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
                if (Double.isFinite(value)) {
                    json.writeNumber(value);
                } else {
                    json.writeNull();
                }
            }
        });
        addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
            @Override
            public void serialize(Duration value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeNumber(Units.seconds(value));
            }
        });
    }

    private <T> void record(Class<T> type, RecordSerializer.Fields<T> fields) {
        addSerializer(type, new RecordSerializer<>(type, fields));
    }

    /**
     * The mapper every writer shares. Times are {@code BigDecimal}s of scale 3: kept exact in trees and
     * written plainly, never as {@code 1.7E+9}.
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new WireModule())
                .build();
    }
}
