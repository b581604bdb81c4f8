package org.teleopmon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.teleopmon.api.Alert;
import org.teleopmon.api.EventType;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;

/**
 * Each record's JSON, byte for byte, against {@code src/test/resources/golden/<name>.json}; and the
 * round trip the HTTP layer takes (record → tree → text) changes nothing, numbers included.
 */
class WireGoldenTest {

    @TestFactory
    Stream<DynamicTest> everyRecordWritesItsGoldenJson() {
        return Samples.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(Wire.write(e.getValue())).isEqualTo(golden(e.getKey()))));
    }

    @Test
    void aNumberedMessageIsTheEventWithItsSeq() throws IOException {
        assertThat(Samples.message()).isEqualTo(golden("message"));
        JsonNode message = Wire.read(Samples.message());
        JsonNode event = Wire.read(Wire.write(TeleopEvent.alert(Samples.FIRING, Samples.STATE)));
        assertThat(message.path("seq").asLong()).isEqualTo(42);
        assertThat(message.path("data")).isEqualTo(event.path("data"));
        assertThat(event.has("seq")).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> aTreeOfARecordWritesTheSameText() {
        return Samples.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(Wire.write(tree(e.getValue()))).isEqualTo(Wire.write(e.getValue()))));
    }

    @Test
    void timesOnAWholeSecondStayPlainNumbersThroughATree() {
        Alert alert = new Alert("low_fps", "", Severity.WARNING, Alert.State.FIRING, EventType.FPS_WARNING, 9, 15,
                "fps 9 below 15", Instant.ofEpochSecond(1_764_036_000L));
        assertThat(Wire.write(Wire.object(alert))).contains("\"timestamp\":1764036000.000");
        assertThat(Wire.write(List.of(alert))).contains("\"timestamp\":1764036000.000");
    }

    @Test
    void aListOfSummariesAsTeleopMetricsJsonPrintsItWithEscapedStrings() {
        MetricSummary empty = new MetricSummary("fps", Map.of("stream", "fr\"ont"), Duration.ofSeconds(60), 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        assertThat(Wire.write(List.of(empty))).isEqualTo("[{\"name\":\"fps\",\"tags\":{\"stream\":\"fr\\\"ont\"},"
                + "\"window\":60.0,\"count\":0,\"min\":null,\"max\":null,\"mean\":null,\"p50\":null,"
                + "\"p95\":null,\"p99\":null,\"last\":null,\"rate\":0.0}]");
    }

    @Test
    void anEventDataIsTheDataOfItsMessage() throws IOException {
        for (Object sample : Samples.all().values()) {
            if (sample instanceof TeleopEvent event) {
                assertThat(Wire.write(event)).endsWith(",\"data\":" + Wire.write(Wire.eventData(event)) + "}");
            }
        }
    }

    @Test
    void theModuleWorksOnAMapperOfOnesOwn() throws IOException {
        ObjectMapper own = new ObjectMapper().registerModule(Wire.module());
        assertThat(own.readTree(own.writeValueAsString(Map.of("state", Samples.STATE))).path("state"))
                .isEqualTo(Wire.read(Wire.write(Samples.STATE)));
    }

    private static Object tree(Object value) {
        return value instanceof List<?> list ? Wire.array(list) : Wire.object(value);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = WireGoldenTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden/" + name + ".json").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
