package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;
import org.teleopmon.wire.Wire;

/**
 * {@code /sessions}, {@code /sessions/{id}} and {@code /usage} over a real socket: the ledger's answers
 * with the query passed through, the engine's memory without it, CSV, and errors. The ledger itself, on
 * a real SQLite file, answers these in the distribution test (LedgerDistributionIT).
 */
class UsageHttpTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Operator ALICE = new Operator("10.0.0.7", "alice", IdentitySource.NETWORK_PEER, "zmq");
    private static final Operator BOB = new Operator("10.0.0.8", "bob", IdentitySource.NETWORK_PEER, "zmq");

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestSources sources = new TestSources();
    private Streamer streamer;

    @AfterEach
    void stop() {
        if (streamer != null) {
            streamer.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        if (streamer == null) {
            streamer = new Streamer(sources, Settings.local(0), "1.0.0");
            streamer.start();
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + streamer.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Wire.read(response.body());
    }

    private static SessionRecord session(String id, Instant start, int seconds, Operator... operators) {
        return new SessionRecord(id, start, start.plusSeconds(seconds), Duration.ofSeconds(seconds),
                List.of(operators), "lekiwi", Map.of("latency_ms", new SessionRecord.Figures(10 + seconds, 40, seconds * 30L)),
                EndReason.of(EndReason.Kind.IDLE, "faded", start.plusSeconds(seconds)));
    }

    @Test
    void withTheLedgerTheQueryReachesItAndTheAnswerIsItsPage() throws Exception {
        TestSources.Ledger ledger = new TestSources.Ledger();
        for (int i = 0; i < 3; i++) {
            ledger.sessions.add(new LedgerSession(session("s" + i, T0.plusSeconds(100L * i), 30, ALICE), "host-a", 90,
                    List.of("zmq"), null, null, null, null));
        }
        ledger.totals.add(new UsageTotal("host-a", "lekiwi", 3, Duration.ofSeconds(90), Map.of("latency_ms", 40.0)));
        sources.ledger = ledger;

        JsonNode page = json("/sessions?limit=2&from=2026-12-07&to=1797000000.5&operator=alice&robot=host-a&cursor=c1", 200);
        assertThat(page.path("source").asText()).isEqualTo("ledger");
        assertThat(page.path("sessions")).hasSize(2);
        assertThat(page.path("sessions").get(0).path("robot_id").asText()).isEqualTo("host-a");
        assertThat(page.path("sessions").get(0).path("end_class").asText()).isEqualTo("idle");
        assertThat(page.path("next_cursor").asText()).isEqualTo("next");
        assertThat(ledger.lastQuery.from()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(ledger.lastQuery.to()).isEqualTo(Instant.ofEpochMilli(1_797_000_000_500L));
        assertThat(ledger.lastQuery.operator()).isEqualTo("alice");
        assertThat(ledger.lastQuery.robot()).isEqualTo("host-a");
        assertThat(ledger.lastQuery.cursor()).isEqualTo("c1");

        assertThat(json("/sessions/s1", 200).path("start_time").decimalValue())
                .isEqualByComparingTo(Wire.epochSeconds(T0.plusSeconds(100)));
        assertThat(json("/sessions/nope", 404).path("message").asText()).contains("usage ledger");

        JsonNode usage = json("/usage?by=robot&from=2026-12-07T09:00:00Z", 200);
        assertThat(usage.path("by").asText()).isEqualTo("robot");
        assertThat(usage.path("totals").get(0).path("time").asDouble()).isEqualTo(90.0);
        assertThat(ledger.lastUsage).containsExactly(Instant.parse("2026-12-07T09:00:00Z"), null, UsageGrouping.ROBOT);
        assertThat(json("/usage", 200).path("by").asText()).as("by operator unless told").isEqualTo("operator");
    }

    @Test
    void csvHasAHeaderAndOneRowPerSessionOrGroup() throws Exception {
        TestSources.Ledger ledger = new TestSources.Ledger();
        ledger.sessions.add(new LedgerSession(session("s1", T0, 30, ALICE), "host-a", 90, List.of("zmq"),
                null, null, null, null));
        ledger.totals.add(new UsageTotal("2026-12-07", "2026-12-07", 1, Duration.ofSeconds(30), Map.of()));
        sources.ledger = ledger;

        HttpResponse<String> sessions = get("/sessions?format=csv");
        assertThat(sessions.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = sessions.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("id,start_time,end_time,duration_s,");
        assertThat(lines.get(1)).startsWith("s1,2026-12-07T10:00:00Z,2026-12-07T10:00:30Z,30.0,false,lekiwi,host-a,idle,idle,");
        assertThat(get("/usage?by=day&format=csv").body().lines().toList())
                .containsExactly("day,label,sessions,time_s," + String.join(",",
                        Measurements.STATE_METRICS.stream().map(m -> m + "_mean").toList()),
                        "2026-12-07,2026-12-07,1,30.0" + ",".repeat(Measurements.STATE_METRICS.size()));
    }

    @Test
    void withoutTheLedgerTheEnginesMemoryAnswersAndSaysSo() throws Exception {
        TestSources.Monitor monitor = new TestSources.Monitor();
        monitor.sessions.add(session("s3", T0.plusSeconds(3600 * 24), 60, BOB));
        monitor.sessions.add(session("s2", T0.plusSeconds(200), 20, ALICE, BOB));
        monitor.sessions.add(session("s1", T0, 30, ALICE));
        sources.monitor = monitor;

        JsonNode all = json("/sessions", 200);
        assertThat(all.path("source").asText()).isEqualTo("memory");
        assertThat(all.path("note").asText()).contains("teleop-ledger");
        assertThat(all.path("sessions")).hasSize(3);
        JsonNode alice = json("/sessions?operator=alice&to=2026-12-07T10:01:00Z", 200);
        assertThat(alice.path("sessions")).extracting(s -> s.path("id").asText()).containsExactly("s1");
        assertThat(json("/sessions/s2", 200).path("source").asText()).isEqualTo("memory");
        assertThat(json("/sessions/zz", 404).path("message").asText()).contains("teleop-ledger");

        JsonNode byOperator = json("/usage?by=operator", 200);
        assertThat(byOperator.path("totals")).extracting(t -> t.path("label").asText() + "=" + t.path("time").asDouble()
                + "/" + t.path("sessions").asLong()).containsExactly("bob=80.0/2", "alice=50.0/2");
        JsonNode alicesQuality = byOperator.path("totals").get(1).path("quality").path("latency_ms");
        assertThat(alicesQuality.asDouble()).as("weighted by samples: (40*900 + 30*600) / 1500")
                .isCloseTo((40.0 * 900 + 30.0 * 600) / 1500, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json("/usage?by=day", 200).path("totals")).extracting(t -> t.path("key").asText())
                .containsExactly("2026-12-07", "2026-12-08");
        assertError("/sessions?cursor=abc", 400);
    }

    @Test
    void aLedgerThatCannotReadSaysWhatToDoWith503() throws Exception {
        TestSources.Ledger ledger = new TestSources.Ledger();
        ledger.broken = "usage ledger: cannot read /data/ledger/usage.db: permission denied; give the monitor's user read access";
        sources.ledger = ledger;
        JsonNode error = json("/sessions", 503);
        assertThat(error.path("error").asText()).isEqualTo("ledger_unavailable");
        assertThat(error.path("message").asText()).contains("give the monitor's user read access");
        assertThat(json("/usage", 503).path("error").asText()).isEqualTo("ledger_unavailable");
    }

    @Test
    void badQueriesAre400WithTheReason() throws Exception {
        sources.ledger = new TestSources.Ledger();
        assertError("/usage?by=week", 400);
        assertError("/usage?from=yesterday", 400);
        assertError("/usage?from=2026-12-08&to=2026-12-07", 400);
        assertError("/sessions?from=2026-12-08&to=2026-12-07", 400);
        assertError("/sessions?format=xml", 400);
        assertError("/sessions?limit=1001", 400);
        assertError("/sessions/s1?limit=2", 400);
        assertThat(json("/usage?from=yesterday", 400).path("message").asText()).contains("ISO-8601");
    }

    private void assertError(String path, int status) throws Exception {
        JsonNode error = json(path, status);
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank();
    }
}
