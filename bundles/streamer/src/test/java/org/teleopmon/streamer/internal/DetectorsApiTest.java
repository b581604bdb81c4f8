package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.wire.Wire;

/** {@code /detectors} and {@code /detectors/{name}} over a real socket: measurements, paged rows, errors. */
class DetectorsApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestSources sources = new TestSources();
    private final TestSources.Monitor monitor = new TestSources.Monitor();
    private Streamer streamer;
    private String base;

    @AfterEach
    void stop() {
        if (streamer != null) {
            streamer.close();
        }
    }

    private void start() {
        streamer = new Streamer(sources, Settings.local(0), "1.0.0");
        streamer.start();
        base = "http://127.0.0.1:" + streamer.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Wire.read(response.body());
    }

    /** The ZMQ detector following {@code n} connections, as the engine and the service report it. */
    private void zmqWithConnections(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("client", "10.0.0." + (i + 1) + ":50000");
            row.put("port", 5555);
            row.put("messages_to_robot", 100L + i);
            row.put("rtt_ms", Double.NaN);
            rows.add(row);
        }
        sources.detectors.add(new TestSources.DetectorWithDetails("zmq", rows));
        monitor.statuses.add(new DetectorStatus("zmq", true, 90, 90, Health.ok(), Instant.now(), 40, "commands",
                Map.of("command_rate_hz", 30.0, "command_gap_max_ms", 48.5)));
        sources.monitor = monitor;
    }

    @Test
    void everyDetectorCarriesItsMeasurementsAndAPageOfItsRows() throws Exception {
        zmqWithConnections(5);
        start();

        JsonNode answer = json("/detectors?limit=2&offset=1", 200);
        assertThat(answer.path("engine").asBoolean()).isTrue();
        assertThat(answer.path("offset").asLong()).isEqualTo(1);
        assertThat(answer.path("limit").asInt()).isEqualTo(2);
        JsonNode zmq = answer.path("detectors").get(0);
        assertThat(zmq.path("name").asText()).isEqualTo("zmq");
        assertThat(zmq.path("measurements").path("command_rate_hz").asDouble()).isEqualTo(30.0);
        assertThat(zmq.path("measurements").path("command_gap_max_ms").asDouble()).isEqualTo(48.5);
        assertThat(zmq.path("details_total").asInt()).isEqualTo(5);
        assertThat(zmq.path("details")).hasSize(2);
        assertThat(zmq.path("details").get(0).path("client").asText()).isEqualTo("10.0.0.2:50000");
        assertThat(zmq.path("details").get(1).path("client").asText()).isEqualTo("10.0.0.3:50000");
        assertThat(zmq.path("details").get(0).path("rtt_ms").isNull()).as("NaN is written as null").isTrue();

        JsonNode one = json("/detectors/zmq?offset=4", 200);
        assertThat(one.path("detector").path("details_total").asInt()).isEqualTo(5);
        assertThat(one.path("detector").path("details")).hasSize(1);
        assertThat(one.path("detector").path("details").get(0).path("messages_to_robot").asLong()).isEqualTo(104);
        assertThat(one.path("detector").path("measurements").path("command_rate_hz").asDouble()).isEqualTo(30.0);
        assertThat(json("/detectors/zmq", 200).path("limit").asInt()).as("default page").isEqualTo(100);
    }

    @Test
    void hostileQueriesGetJsonErrorsAndAHugeOffsetAnEmptyPage() throws Exception {
        zmqWithConnections(3);
        start();

        for (String bad : List.of("/detectors?limit=0", "/detectors?limit=1001", "/detectors?limit=abc",
                "/detectors?limit=-1", "/detectors?offset=-5", "/detectors?offset=1e3",
                "/detectors?offset=99999999999999999999999", "/detectors/zmq?limit=", "/detectors?limit=1&limit=2",
                "/detectors?page=2")) {
            JsonNode error = json(bad, 400);
            assertThat(error.path("error").asText()).as(bad).isEqualTo("bad_request");
            assertThat(error.path("status").asInt()).isEqualTo(400);
            assertThat(error.path("message").asText()).as(bad).isNotBlank();
        }
        JsonNode far = json("/detectors/zmq?offset=9223372036854775807&limit=1000", 200);
        assertThat(far.path("detector").path("details")).isEmpty();
        assertThat(far.path("detector").path("details_total").asInt()).isEqualTo(3);

        JsonNode unknown = json("/detectors/nope", 404);
        assertThat(unknown.path("error").asText()).isEqualTo("not_found");
        assertThat(unknown.path("message").asText()).contains("nope").contains("zmq");
        String longName = "x".repeat(5000);
        assertThat(json("/detectors/" + longName, 404).path("message").asText()).hasSizeLessThan(200);
        assertThat(json("/detectors/%3Cscript%3E", 404).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aThrowingDetailsIsReportedOnItsEntryAndTheOthersStillAnswer() throws Exception {
        zmqWithConnections(1);
        sources.detectors.add(new Detector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public DetectorSignal detect() {
                return DetectorSignal.idle("broken", Instant.now());
            }

            @Override
            public List<Map<String, Object>> details() {
                throw new IllegalStateException("table locked");
            }
        });
        monitor.statuses.add(new DetectorStatus("broken", false, 0, 50, Health.ok(), null, 0, ""));
        start();

        JsonNode detectors = json("/detectors", 200).path("detectors");
        assertThat(detectors).hasSize(2);
        assertThat(detectors.get(0).path("details_total").asInt()).isEqualTo(1);
        assertThat(detectors.get(1).path("details_error").asText()).contains("IllegalStateException");
        assertThat(detectors.get(1).has("details")).isFalse();
        assertThat(detectors.get(1).path("measurements").isObject()).as("no signal yet: {}").isTrue();
    }

    @Test
    void withoutTheEngineEachDetectorServiceShowsItsHealthAndRows() throws Exception {
        sources.detectors.add(new TestSources.DetectorWithDetails("input", List.of(Map.of("node", "event5"))));
        start();

        JsonNode answer = json("/detectors", 200);
        assertThat(answer.path("engine").asBoolean()).isFalse();
        JsonNode input = answer.path("detectors").get(0);
        assertThat(input.path("name").asText()).isEqualTo("input");
        assertThat(input.path("health").path("status").asText()).isEqualTo("OK");
        assertThat(input.path("details").get(0).path("node").asText()).isEqualTo("event5");
        assertThat(json("/detectors/input", 200).path("detector").path("details_total").asInt()).isEqualTo(1);
        assertThat(json("/detectors/zmq", 404).path("message").asText()).contains("[input]");
    }
}
