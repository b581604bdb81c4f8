package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Mosquitto;
import org.teleopmon.testsupport.Prerequisite;

/**
 * A fleet of two robots as a user runs it: two distribution copies (kiwi-a, kiwi-b) exporting to a real
 * Mosquitto (password file, ACL: each robot may write only its own topics) and scraped by a real
 * Prometheus through file-based service discovery with the rules of clients/prometheus. A real libzmq
 * LeKiwi session on kiwi-a gives its events on MQTT in order; Prometheus sees {@code teleop_active == 1}
 * for kiwi-a only and evaluates the recording rules; kill -9 of kiwi-a's JVM gives its Last Will.
 */
public class FleetIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private static Path dir;
    private static Mosquitto broker;
    private static Mosquitto.Subscription fleet;
    private static final List<DistributionCopy> copies = new ArrayList<>();
    private static final int[][] zmqPorts = new int[2][];
    private static ChildProcess prometheus;
    private static int prometheusPort;

    @BeforeClass
    public static void startFleet() throws Exception {
        // Itests expect CI's packages; elsewhere this says which to install.
        Installed.require(Prerequisite.MOSQUITTO, "/usr/sbin/mosquitto", "/usr/bin/mosquitto_sub");
        Installed.require(Prerequisite.PROMETHEUS, "/usr/bin/prometheus");
        dir = Files.createTempDirectory("teleop-fleet");
        broker = Mosquitto.in(dir.resolve("broker"))
                .user("kiwi-a", "pw-kiwi-a", "topic readwrite teleop/lab/kiwi-a/#")
                .user("kiwi-b", "pw-kiwi-b", "topic readwrite teleop/lab/kiwi-b/#")
                .user("fleet", "pw-fleet", "topic read teleop/#").start();
        fleet = broker.subscribe("fleet-view", "fleet", "pw-fleet", "teleop/#");
        for (int i = 0; i < zmqPorts.length; i++) {
            zmqPorts[i] = new int[] {FreePort.next(), FreePort.next()};
        }
        for (String robot : List.of("kiwi-a", "kiwi-b")) {
            DistributionCopy copy = DistributionCopy.fresh("teleop-" + robot).env("ROBOT_ID", robot)
                    .env("ROBOT_SITE", "lab");
            int command = zmqPorts[copies.size()][0];
            int observation = zmqPorts[copies.size()][1];
            // Both "robots" share this machine's kernel: each network detector sees the other's ZMQ flows
            // in the socket table, so both are told every ZMQ port in use (5555/5556 are known by default).
            copy.write("etc/org.teleopmon.detector.network.cfg", "known.ports = " + zmqPorts[0][0] + ", "
                    + zmqPorts[0][1] + ", " + zmqPorts[1][0] + ", " + zmqPorts[1][1] + ", 3478, 3479, 5349, 19302\n");
            copy.write("etc/org.teleopmon.detector.zmq.cfg", "command.port = " + command + "\nobservation.port = "
                    + observation + "\n");
            copy.write("etc/org.teleopmon.capture.cfg", "interfaces = lo\n");
            copy.write("etc/org.teleopmon.engine.cfg", "hold.time = 0.5\n");
            copy.write("etc/org.teleopmon.export.mqtt.cfg", String.join("\n", "enabled = true",
                    "broker.uri = tcp://127.0.0.1:" + broker.port(), "username = " + robot,
                    "password = pw-" + robot, "keepalive = 2", "state.interval = 0.5", ""));
            copy.launch("teleop-monitor", "--no-console");
            copies.add(copy);
        }
    }

    @AfterClass
    public static void stopFleet() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        for (DistributionCopy copy : copies) {
            copy.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (dir != null) {
            ChildProcess.deleteTree(dir);
        }
    }

    @Test
    public void twoRobotsOnMqttAndPrometheus() throws Exception {
        for (String robot : List.of("kiwi-a", "kiwi-b")) {
            await().atMost(BOOT).pollInterval(Duration.ofSeconds(1)).until(() -> fleet.lines().stream()
                    .anyMatch(l -> l.contains(" teleop/lab/" + robot + "/status ") && l.contains("\"online\":true")));
        }
        startPrometheus();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> series(query("up{job=\"teleop\"} == 1")) == 2);

        DistributionCopy a = copies.get(0);
        ChildProcess session = ChildProcess.start("lekiwi-session", new ProcessBuilder(Prerequisite.PYTHON3,
                Path.of("src/test/python/lekiwi_session.py").toAbsolutePath().toString(),
                Integer.toString(zmqPorts[0][0]), Integer.toString(zmqPorts[0][1]), "20", "alice"), null);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> query("teleop_active == 1").contains("\"robot\":\"kiwi-a\""));
        String active = query("teleop_active == 1");
        assertEquals(active, 1, series(active));
        assertTrue(query("teleop_active == 0"), query("teleop_active == 0").contains("\"robot\":\"kiwi-b\""));
        await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofSeconds(2))
                .until(() -> series(query("robot:teleop_active:max")) == 2
                        && query("site:teleop_active_robots:sum").contains("\"site\":\"lab\""));
        for (String expr : grafanaQueries()) {
            String answer = query(expr);
            assertTrue(expr + " -> " + answer, answer.contains("\"status\":\"success\""));
        }
        assertEquals(session.tails(), 0, session.awaitExit(Duration.ofSeconds(40)));

        await().atMost(Duration.ofSeconds(30)).until(() -> eventLines("kiwi-a").stream()
                .anyMatch(l -> l.contains("/teleoperation_stopped ")));
        List<String> events = eventLines("kiwi-a");
        // Session and operator events; a warning raised during the session may come between them.
        List<String> types = events.stream().map(l -> l.split(" ")[1].substring("teleop/lab/kiwi-a/".length()))
                .filter(t -> t.startsWith("teleoperation_") || t.startsWith("operator_")).toList();
        // The engine's own order of operator and session events depends on which detector reports first
        // (engine tests pin it); what the export must keep is that order, by seq: an operator arrives
        // before the start, the start comes before the stop.
        int started = types.indexOf("teleoperation_started");
        assertTrue(types.toString(), types.indexOf("operator_connected") >= 0 && started > types.indexOf("operator_connected"));
        assertTrue(types.toString(), types.indexOf("teleoperation_stopped") > started);
        assertTrue(events.toString(), events.stream().anyMatch(l -> l.contains("/operator_connected ")
                && l.contains("\"name\":\"alice\"")));
        List<Long> seqs = events.stream().map(FleetIT::seq).toList();
        assertEquals(seqs.toString(), seqs.stream().sorted().distinct().toList(), seqs);
        assertTrue(events.toString(), events.stream().anyMatch(l -> l.contains("/teleoperation_stopped ")
                && l.contains("\"id\":\"alice\"")));
        // kiwi-b may list kiwi-a's operator as a peer it saw (same kernel), but has no session
        assertTrue("kiwi-b had no session: " + eventLines("kiwi-b"), eventLines("kiwi-b").stream()
                .noneMatch(l -> l.contains("/teleoperation_")));
        assertTrue(fleet.lines().stream().anyMatch(l -> l.contains(" teleop/lab/kiwi-a/state ")
                && l.contains("\"is_active\":true")));

        a.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.lines().stream()
                .anyMatch(l -> l.contains(" teleop/lab/kiwi-a/status ") && l.contains("\"online\":false")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> query("up{job=\"teleop\"} == 0").contains("\"robot\":\"kiwi-a\""));
    }

    private static void startPrometheus() throws Exception {
        Path home = dir.resolve("prometheus");
        Files.createDirectories(home.resolve("targets"));
        Path rules = Path.of("../clients/prometheus/teleop.rules.yml").toAbsolutePath().normalize();
        StringBuilder targets = new StringBuilder("[");
        for (int i = 0; i < copies.size(); i++) {
            targets.append(i == 0 ? "" : ",").append("{\"targets\":[\"127.0.0.1:").append(copies.get(i).webPort)
                    .append("\"],\"labels\":{\"robot\":\"kiwi-").append(i == 0 ? "a" : "b")
                    .append("\",\"site\":\"lab\"}}");
        }
        Files.writeString(home.resolve("targets/robots.json"), targets.append("]").toString());
        // The shipped rules with their 30 s group interval; scrapes every second so the test is short.
        Files.writeString(home.resolve("prometheus.yml"), String.join("\n", "global:", "  scrape_interval: 1s",
                "  evaluation_interval: 1s", "rule_files:", "  - " + rules, "scrape_configs:", "  - job_name: teleop",
                "    file_sd_configs:", "      - files: ['" + home.resolve("targets") + "/*.json']", ""));
        prometheusPort = FreePort.next();
        prometheus = ChildProcess.start("prometheus", new ProcessBuilder("prometheus",
                "--config.file=" + home.resolve("prometheus.yml"), "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort), null);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> query("up").contains("\"status\":\"success\""));
    }

    /** Every panel query of the shipped Grafana dashboard, for all sites. */
    private static List<String> grafanaQueries() throws Exception {
        String dashboard = Files.readString(Path.of("../clients/grafana/teleop-fleet.json"));
        Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dashboard);
        List<String> queries = new ArrayList<>();
        while (expr.find()) {
            queries.add(expr.group(1).replace("\\\"", "\"").replace("$site", ".*"));
        }
        assertTrue(dashboard, queries.size() >= 9);
        return queries;
    }

    private static String query(String promql) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + prometheusPort + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static int series(String answer) {
        return answer.split("\"metric\":", -1).length - 1;
    }

    /** kiwi-a's event messages (not state or status), in the order the fleet subscriber got them. */
    private static List<String> eventLines(String robot) {
        return fleet.lines().stream().filter(l -> l.contains(" teleop/lab/" + robot + "/")
                && !l.contains("/state ") && !l.contains("/status ")).toList();
    }

    private static long seq(String line) {
        Matcher matcher = SEQ.matcher(line);
        assertTrue(line, matcher.find());
        return Long.parseLong(matcher.group(1));
    }
}
