package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Alert;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.wire.Wire;

/** The HTTP API over a real socket: answers, health codes, and JSON errors for every kind of mistake. */
class HttpApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestSources sources = new TestSources();
    private Streamer streamer;
    private String base;

    private void start(Settings settings) {
        streamer = new Streamer(sources, settings, "1.0.0");
        streamer.start();
        base = "http://127.0.0.1:" + streamer.port();
    }

    @AfterEach
    void stop() {
        if (streamer != null) {
            streamer.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Wire.read(response.body());
    }

    @Test
    void withoutAnEngineTheApiSaysSoAndHealthIsUnavailable() throws Exception {
        start(Settings.local(0));

        HttpResponse<String> status = get("/status");
        assertThat(status.statusCode()).isEqualTo(503);
        assertThat(json(status).path("error").asText()).isEqualTo("engine_unavailable");
        assertThat(get("/sessions").statusCode()).isEqualTo(503);
        assertThat(get("/alerts").statusCode()).isEqualTo(503);
        assertThat(json(get("/alerts")).path("message").asText()).contains("metrics");
        assertThat(get("/health").statusCode()).isEqualTo(503);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(json(get("/detectors")).path("engine").asBoolean()).isFalse();
        assertThat(json(get("/metrics")).path("collector").asBoolean()).isFalse();
    }

    @Test
    void withAnEngineStatusSessionsDetectorsAndHealthAnswer() throws Exception {
        TestSources.Monitor monitor = new TestSources.Monitor();
        monitor.state = TestSources.activeState("laptop");
        monitor.sessions.add(new SessionRecord("s2", Instant.now(), null, Duration.ofSeconds(3), List.of(), "lekiwi",
                Map.of("latency_ms", new SessionRecord.Figures(12, 30, 90))));
        monitor.statuses.add(new DetectorStatus("zmq", true, 90, 60, Health.ok(), Instant.now(), 40, "commands"));
        sources.monitor = monitor;
        sources.detectors.add(new TestSources.DetectorWithDetails("zmq", List.of(Map.of("node", "event5",
                "last_event", Instant.ofEpochSecond(1764036000, 123_000_000)))));
        sources.reporters.add(new HealthReporter() {
            @Override
            public String component() {
                return "capture";
            }

            @Override
            public Health health() {
                throw new IllegalStateException("boom");
            }
        });
        start(Settings.local(0));

        JsonNode status = json(get("/status"));
        assertThat(status.path("is_active").asBoolean()).isTrue();
        assertThat(status.path("confidence").asInt()).isEqualTo(87);
        assertThat(status.path("duration").asDouble()).isEqualTo(5.0);
        assertThat(status.path("start_time").asDouble()).isGreaterThan(1.7e9);
        assertThat(status.path("operators").get(0).path("id").asText()).isEqualTo("10.0.0.7");
        assertThat(status.path("metrics").path("latency_ms").asDouble()).isEqualTo(12.5);
        assertThat(status.path("stats").path("detections").asLong()).isEqualTo(42);

        JsonNode sessions = json(get("/sessions?limit=5"));
        assertThat(sessions.path("sessions").get(0).path("summary").path("latency_ms").path("peak").asDouble())
                .isEqualTo(30);
        JsonNode zmq = json(get("/detectors")).path("detectors").get(0);
        assertThat(zmq.path("name").asText()).isEqualTo("zmq");
        assertThat(zmq.path("details").get(0).path("node").asText()).isEqualTo("event5");
        assertThat(zmq.path("details").get(0).path("last_event").decimalValue()).isEqualByComparingTo("1764036000.123");

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(500);
        assertThat(health.body()).contains("capture").contains("health check threw IllegalStateException: boom")
                .doesNotContain("at org.");
        sources.reporters.clear();
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(json(get("/health/ready?verbose")).path("checks").path("detectors").get(0).path("name").asText())
                .isEqualTo("zmq");
    }

    @Test
    void alertsComeFromTheAlertServiceAndAreUnavailableWithoutIt() throws Exception {
        start(Settings.local(0));
        Alert lowFps = new Alert("low_fps", "front", Severity.WARNING, Alert.State.FIRING, EventType.FPS_WARNING, 9, 15,
                "fps 9 below 15", Instant.now());
        streamer.onEvent(TeleopEvent.alert(lowFps, null));
        assertThat(get("/alerts").statusCode()).as("the streamer keeps no alerts of its own").isEqualTo(503);

        TestSources.Alerts service = new TestSources.Alerts();
        sources.alerts = service;
        assertThat(json(get("/alerts")).path("recent").size()).isZero();
        service.history.add(lowFps);
        service.silence("high_latency", "", Duration.ofMinutes(5));
        JsonNode alerts = json(get("/alerts?limit=10"));
        assertThat(alerts.path("active").get(0).path("rule").asText()).isEqualTo("low_fps");
        assertThat(alerts.path("recent").get(0).path("event").asText()).isEqualTo("fps_warning");
        assertThat(alerts.path("silences").get(0).path("rule").asText()).isEqualTo("high_latency");
    }

    @Test
    void mistakesGetJsonErrorsWithTheRightStatus() throws Exception {
        sources.monitor = new TestSources.Monitor();
        start(Settings.local(0));

        assertError(get("/nope"), 404, "not_found");
        assertError(get("/sessions?limit=abc"), 400, "bad_request");
        assertError(get("/sessions?limit=0"), 400, "bad_request");
        assertError(get("/sessions?limit=1&limit=2"), 400, "bad_request");
        assertError(get("/status?foo=1"), 400, "bad_request");
        assertError(get("/health/ready?verbose=maybe"), 400, "bad_request");
        assertError(get("/metrics?format=xml"), 400, "bad_request");
        assertError(get("/ws"), 400, "websocket_required");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/status"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(post, 405, "method_not_allowed");
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

        String raw = rawRequest("GET /status%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400").contains("application/json").doesNotContain("<html");
    }

    @Test
    void aTokenGuardsTheApiButNotLivenessOrThePage() throws Exception {
        sources.monitor = new TestSources.Monitor();
        start(Settings.local(0).withAccess("s3cret", List.of()));

        assertError(get("/status"), 401, "unauthorized");
        assertThat(get("/status").headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(get("/status", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/status?access_token=s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardAndChartJsAreServedFromTheBundle() throws Exception {
        start(Settings.local(0));
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("static/vendor/chart.umd.min.js").doesNotContain("https://");
        HttpResponse<String> chart = get("/static/vendor/chart.umd.min.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js");
        assertThat(get("/static/../pom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void stoppingClosesThePortAndStartingOpensItAgain() throws Exception {
        start(Settings.local(0));
        int port = streamer.port();
        streamer.stop();
        assertThat(canConnect(port)).isFalse();
        streamer.reconfigure(Settings.local(port));
        streamer.start();
        assertThat(streamer.port()).isEqualTo(port);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseIsReportedInHealthNotThrown() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            streamer = new Streamer(sources, Settings.local(taken.getLocalPort()), "1.0.0");
            streamer.start();
            assertThat(streamer.health().status()).isEqualTo(Health.Status.CRITICAL);
            assertThat(streamer.health().message()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aFailedBindIsRetriedUntilThePortIsFree() throws Exception {
        int port;
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
            streamer = new Streamer(sources, Settings.local(port), "1.0.0");
            streamer.start();
            assertThat(streamer.health().message()).contains("retrying every 1 s");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streamer.port() == port);
        assertThat(streamer.health().status()).isEqualTo(Health.Status.OK);
        assertThat(canConnect(port)).isTrue();
    }

    @Test
    void aGoodSettingAfterAFailedBindTakesEffectAtOnce() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            streamer = new Streamer(sources, Settings.local(taken.getLocalPort()), "1.0.0");
            streamer.start();
            assertThat(streamer.port()).isEqualTo(-1);
            streamer.reconfigure(Settings.local(0));
            assertThat(streamer.port()).isPositive();
            assertThat(streamer.health().status()).isEqualTo(Health.Status.OK);
        }
    }

    @Test
    void aHostThatIsNoAddressNorNameIsReportedWithTheFixAndNotRetried() throws Exception {
        Settings bad = new Settings("not a host!", 0, 100, 256, 1 << 20, 256 * 1024, 1000, 65536, 60, "", List.of(),
                List.of());
        streamer = new Streamer(sources, bad, "1.0.0");
        streamer.start();
        assertThat(streamer.port()).isEqualTo(-1);
        assertThat(streamer.health().status()).isEqualTo(Health.Status.CRITICAL);
        assertThat(streamer.health().message()).contains("'not a host!'", "not an IP address or host name",
                "org.teleopmon.streamer");
        streamer.reconfigure(Settings.local(0));
        assertThat(streamer.port()).isPositive();
        assertThat(streamer.health().status()).isEqualTo(Health.Status.OK);
        for (String good : List.of("127.0.0.1", "0.0.0.0", "::1", "[::1]", "localhost", "robot-7.lab.example")) {
            assertThat(Settings.local(0).withHost(good).hostProblem()).as(good).isNull();
        }
        for (String badHost : List.of("not a host!", "-robot", "robot_7", "a..b", "http://robot")) {
            assertThat(Settings.local(0).withHost(badHost).hostProblem()).as(badHost).isNotNull();
        }
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", streamer.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }
}
