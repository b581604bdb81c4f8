package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;
import org.teleopmon.wire.Wire;

/**
 * {@code /metrics} with Prometheus' Accept header, parsed by the Prometheus Python client's own text
 * parser (Debian python3-prometheus-client).
 */
@Requires(Prerequisite.PYTHON_PROMETHEUS)
class PrometheusFormatTest {

    private static final String PARSER = String.join("\n",
            "import sys, json",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = []",
            "for f in text_string_to_metric_families(sys.stdin.read()):",
            "    out.append({'name': f.name, 'type': f.type, 'samples': [[s.name, s.labels, s.value] for s in f.samples]})",
            "print(json.dumps(out))");
    private static final String PROMETHEUS_ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1";

    private Streamer streamer;

    @AfterEach
    void stop() {
        streamer.close();
    }

    /** The exposition of a monitor with every source: engine, detectors with measurements, metrics, ledger. */
    private String scrape() throws Exception {
        TestSources sources = new TestSources();
        TestSources.Monitor monitor = new TestSources.Monitor();
        monitor.state = TestSources.activeState("");
        monitor.statuses.add(new org.teleopmon.api.DetectorStatus("zmq", true, 90, 60,
                org.teleopmon.api.Health.ok(), null, 40, "", Map.of("command_rate_hz", 30.5, "command_gap_max_ms", 48.0,
                        "malformed_total", 3.0, "dtls_records_per_s", 2.0)));
        monitor.statuses.add(new org.teleopmon.api.DetectorStatus("network", true, 80, 60,
                org.teleopmon.api.Health.ok(), null, 40, "", Map.of("command_rate_hz", 29.0, "video_mbps", 2.5)));
        TestSources.Metrics metrics = new TestSources.Metrics();
        metrics.summaries.add(new MetricSummary("latency_ms", Map.of("stream", "com\"mands\\"), Duration.ofSeconds(60),
                120, 5, 250, 20, 18, 90, 200, 22, 2));
        metrics.summaries.add(new MetricSummary("latency_ms", Map.of("stream", "video"), Duration.ofSeconds(60),
                0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0));
        metrics.summaries.add(new MetricSummary("bandwidth_mbps", Map.of(), Duration.ofSeconds(60),
                60, 30, 45, 40, 40, 44, 45, 41, 1));
        sources.monitor = monitor;
        sources.metrics = metrics;
        sources.robot = new org.teleopmon.api.RobotIdentity() {
            @Override
            public String robotId() {
                return "kiwi-3";
            }

            @Override
            public String site() {
                return "lab";
            }
        };
        sources.ledger = new TestSources.Ledger();
        streamer = new Streamer(sources, Settings.local(0), "1.0.0");
        streamer.start();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + streamer.port() + "/metrics"))
                .header("Accept", PROMETHEUS_ACCEPT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain; version=0.0.4");
        return response.body();
    }

    @Test
    void prometheusTextParsesWithBaseUnitsCountersAndOneHelpPerFamily() throws Exception {
        String text = scrape();

        Map<String, Long> helps = Arrays.stream(text.split("\n")).filter(l -> l.startsWith("# HELP "))
                .collect(Collectors.groupingBy(l -> l.split(" ")[2], Collectors.counting()));
        assertThat(helps.values()).allMatch(n -> n == 1);
        String samples = Arrays.stream(text.split("\n")).filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
        assertThat(samples).doesNotContain("_ms").doesNotContain("_mbps").doesNotContain("id=\"");

        JsonNode families = Wire.read(parse(text));
        assertThat(sample(families, "teleop_metric_latency_seconds", Map.of("stream", "com\"mands\\", "stat", "p99")))
                .isEqualTo(0.2);
        assertThat(sample(families, "teleop_metric_bandwidth_bytes_per_second", Map.of("stat", "last")))
                .isEqualTo(41 * 125_000.0);
        assertThat(sample(families, "teleop_detections_total", Map.of())).isEqualTo(42);
        assertThat(sample(families, "teleop_ledger_sessions_total", Map.of("end_class", "idle"))).isEqualTo(2);
        assertThat(sample(families, "teleop_ledger_sessions_total", Map.of("end_class", "monitor_crashed"))).isZero();
        assertThat(sample(families, "teleop_ledger_session_seconds_total", Map.of("end_class", "idle"))).isEqualTo(61.5);
        assertThat(text.lines().filter(l -> l.startsWith("teleop_ledger_sessions_total{")).count())
                .as("one series per end class, whatever was recorded").isEqualTo(4);
        assertThat(sample(families, "teleop_active", Map.of())).isEqualTo(1);
        assertThat(sample(families, "teleop_robot_info", Map.of("configured_robot", "kiwi-3", "configured_site", "lab")))
                .isEqualTo(1);
        assertThat(sample(families, "teleop_confidence_ratio", Map.of())).isEqualTo(0.87);
        assertThat(sample(families, "teleop_reading_latency_seconds", Map.of("source", "zmq"))).isEqualTo(0.0125);
        assertThat(Double.isNaN(sample(families, "teleop_metric_latency_seconds",
                Map.of("stream", "video", "stat", "mean")))).isTrue();
        assertThat(sample(families, "teleop_measurement_command_rate_hertz", Map.of("detector", "zmq"))).isEqualTo(30.5);
        assertThat(sample(families, "teleop_measurement_command_rate_hertz", Map.of("detector", "network")))
                .isEqualTo(29.0);
        assertThat(sample(families, "teleop_measurement_command_gap_max_seconds", Map.of("detector", "zmq")))
                .isEqualTo(0.048);
        assertThat(sample(families, "teleop_measurement_video_bytes_per_second", Map.of("detector", "network")))
                .isEqualTo(2.5 * 125_000.0);
        assertThat(sample(families, "teleop_measurement_dtls_records_per_second", Map.of("detector", "zmq")))
                .isEqualTo(2.0);
        assertThat(text).contains("# TYPE teleop_measurement_malformed_total counter");
        assertThat(text.lines().filter(l -> l.startsWith("teleop_measurement_")))
                .as("bounded labels: the detector only").allMatch(l -> l.matches("teleop_measurement_\\w+\\{detector=\"\\w+\"} .*"));
        for (JsonNode family : families) {
            if (family.path("type").asText().equals("counter")) {
                for (JsonNode s : family.path("samples")) {
                    assertThat(s.get(0).asText()).endsWith("_total");
                }
            }
        }
    }

    /** promtool, Prometheus' own checker, finds nothing to say about the exposition (format and lint). */
    @Test
    @Requires(Prerequisite.PROMETHEUS)
    void promtoolChecksTheExpositionClean() throws Exception {
        String text = scrape();
        Process promtool = new ProcessBuilder(List.of("promtool", "check", "metrics")).redirectErrorStream(true).start();
        promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as("promtool check metrics:\n" + out + "\n" + text).isZero();
        assertThat(out.trim()).as("promtool's findings").isEmpty();
    }

    private static double sample(JsonNode families, String name, Map<String, String> labels) {
        for (JsonNode family : families) {
            for (JsonNode s : family.path("samples")) {
                Map<String, String> actual = new java.util.TreeMap<>();
                s.get(1).fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
                if (s.get(0).asText().equals(name) && actual.equals(labels)) {
                    return s.get(2).isNumber() ? s.get(2).asDouble() : Double.NaN;
                }
            }
        }
        throw new AssertionError("no sample " + name + labels + " in " + families);
    }

    private static String parse(String text) throws Exception {
        Process python = new ProcessBuilder(List.of(Prerequisite.PYTHON3, "-c", PARSER)).redirectErrorStream(true).start();
        python.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("the Prometheus parser rejected the text:\n" + out + "\n" + text).isZero();
        return out.replace("NaN", "null");
    }
}
