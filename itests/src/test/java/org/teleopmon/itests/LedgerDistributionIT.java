package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.Prerequisite;

/**
 * The usage ledger in the real distribution, on real traffic: three LeKiwi sessions between a libzmq
 * (Debian python3-zmq) robot host and operator on lo, then a {@code kill -9} of the monitor's JVM in the
 * middle of a fourth, and a restart. All four are in {@code /sessions}, the fourth closed as
 * monitor_crashed within 1 s of the kill; {@code /usage} agrees within 1 s per session with what the
 * sender measured; the Python reader (clients/python/teleop_ledger.py) agrees with {@code /usage}; and
 * the shell's {@code teleop:sessions} and {@code teleop:usage} read the same ledger.
 */
public class LedgerDistributionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SECONDS = 3.0;

    private static DistributionCopy copy;
    private static int commandPort;
    private static int observationPort;
    private static Path lekiwi;

    /** What the sender measured: epoch seconds of its first and last command. */
    private record Sent(double first, double last, int count) {
        double seconds() {
            return last - first;
        }
    }

    @BeforeClass
    public static void startDistribution() throws Exception {
        // The prerequisite policy (JUnit 5's) by hand: this is a JUnit 4 test.
        boolean zmq = new ProcessBuilder(Prerequisite.PYTHON3, "-c", "import zmq").start().waitFor() == 0;
        String needs = "LedgerDistributionIT needs " + Prerequisite.PYTHON_ZMQ.what() + ": " + Prerequisite.PYTHON_ZMQ.fix();
        if (!zmq && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(needs);
        }
        Assume.assumeTrue("SKIPPED " + needs, zmq);
        copy = DistributionCopy.fresh("teleop-ledger");
        commandPort = FreePort.next();
        observationPort = FreePort.next();
        copy.append("etc/org.teleopmon.capture.cfg", "interfaces = lo");
        copy.append("etc/org.teleopmon.detector.zmq.cfg", "command.port = " + commandPort + "\nobservation.port = "
                + observationPort + "\nextra.ports = \nsilence.timeout = 0.3");
        copy.append("etc/org.teleopmon.engine.cfg", "hold.time = 0.5");
        copy.append("etc/org.teleopmon.operators.cfg", "entries = 127.0.0.1 = alice");
        lekiwi = Files.writeString(copy.home.resolve("lekiwi_session.py"), LEKIWI);
        start();
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (copy != null) {
            copy.close();
        }
    }

    private static void start() throws Exception {
        copy.launch("teleop-monitor", "--websocket-port", Integer.toString(copy.webPort));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                get("/detectors").contains("\"zmq\"") && get("/health").contains("\"ledger\"")
                        && get("/sessions").contains("\"source\":\"ledger\""));
    }

    @Test
    public void fourSessionsOneKilledAreAllInTheLedgerWithTheirTimes() throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sent.add(session(SECONDS));
            int ended = i;
            await().atMost(TIMEOUT).until(() -> endedSessions().size() == ended);
        }

        Process fourth = lekiwiProcess(60);
        double fourthFirst = firstCommand(fourth);
        await().atMost(TIMEOUT).until(() -> {
            JsonNode first = sessions().path("sessions").path(0);
            return first.path("is_active").asBoolean() && first.path("start_time").asDouble() > fourthFirst - 1;
        });
        Thread.sleep(2500); // a few heartbeats into the running session
        double killed = Instant.now().toEpochMilli() / 1000.0;
        copy.kill();
        fourth.toHandle().destroy(); // SIGTERM, keeping its output readable (Process.destroy closes it)
        assertTrue(fourth.waitFor(10, TimeUnit.SECONDS));
        Sent fourthSent = lastLine(output(fourth));
        sent.add(new Sent(fourthSent.first(), Math.min(fourthSent.last(), killed), fourthSent.count()));

        start();
        await().atMost(TIMEOUT).until(() -> endedSessions().size() == 4);
        List<JsonNode> sessions = endedSessions();
        java.util.Collections.reverse(sessions); // oldest first, as sent
        for (int i = 0; i < 4; i++) {
            JsonNode s = sessions.get(i);
            String what = "session " + (i + 1) + " " + s;
            assertEquals(what, "alice", s.path("operators").path(0).path("name").asText());
            assertEquals(what, "lekiwi", s.path("robot_type").asText());
            assertTrue(what + " starts within 1 s of the first command",
                    Math.abs(s.path("start_time").asDouble() - sent.get(i).first()) <= 1.0);
            assertTrue(what + " lasts within 1 s of the sender's " + sent.get(i).seconds(),
                    Math.abs(s.path("duration").asDouble() - sent.get(i).seconds()) <= 1.0);
            assertTrue(what + " has the quality of its commands",
                    s.path("quality").path("command_rate_hz").path("samples").asLong() > 0);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(sessions.get(i).toString(), List.of("connection_closed", "idle")
                    .contains(sessions.get(i).path("end_class").asText()));
        }
        JsonNode crashed = sessions.get(3);
        assertEquals(crashed.toString(), "monitor_crashed", crashed.path("end_class").asText());
        assertEquals(crashed.toString(), "monitor_crashed", crashed.path("end_reason").asText());
        double end = crashed.path("end_time").asDouble();
        assertTrue("the crashed session ends within 1 s before the kill at " + killed + ": " + crashed,
                end <= killed + 0.05 && end >= killed - 1.0);

        JsonNode one = JSON.readTree(get("/sessions/" + crashed.path("id").asText()));
        assertEquals("monitor_crashed", one.path("end_class").asText());

        JsonNode usage = JSON.readTree(get("/usage?by=operator"));
        assertEquals("ledger", usage.path("source").asText());
        JsonNode alice = usage.path("totals").path(0);
        assertEquals(usage.toString(), "alice", alice.path("label").asText());
        assertEquals(usage.toString(), 4, alice.path("sessions").asLong());
        double truth = sent.stream().mapToDouble(Sent::seconds).sum();
        System.out.printf("ledger: sender %s s, /usage %.3f s; durations %s; crashed end %.3f, kill %.3f%n",
                sent.stream().map(x -> String.format("%.3f", x.seconds())).toList(), alice.path("time").asDouble(),
                sessions.stream().map(x -> x.path("duration").asText()).toList(), end, killed);
        assertTrue("/usage " + alice.path("time").asDouble() + " s within 1 s per session of the sender's " + truth,
                Math.abs(alice.path("time").asDouble() - truth) <= 4.0);

        for (String by : List.of("operator", "day", "robot")) {
            JsonNode http = JSON.readTree(get("/usage?by=" + by)).path("totals");
            JsonNode python = JSON.readTree(DistributionCopy.exec(30, Prerequisite.PYTHON3,
                    System.getProperty("teleop.python.ledger"), copy.home.resolve("data/ledger/usage.db").toString(),
                    "usage", "--by", by));
            assertEquals("the Python reader agrees with /usage?by=" + by, totals(http), totals(python));
        }

        String csv = get("/sessions?format=csv");
        assertEquals(csv, 5, csv.lines().count());
        assertTrue(csv, csv.contains("monitor_crashed"));

        String secret = copy.adminPassword().orElseThrow();
        String table = copy.client("admin", secret, "teleop:sessions --no-format").output();
        for (JsonNode s : sessions) {
            assertTrue(table, table.contains(s.path("id").asText()));
        }
        assertTrue(table, table.contains("monitor_crashed"));
        String totals = copy.client("admin", secret, "teleop:usage --by operator --no-format").output();
        assertTrue(totals, java.util.regex.Pattern.compile("127\\.0\\.0\\.1\\s+alice\\s+4\\s").matcher(totals).find());
    }

    /** The groups' keys, session counts and times (to the millisecond), whatever wrote them. */
    private static Map<String, String> totals(JsonNode totals) {
        Map<String, String> byKey = new TreeMap<>();
        totals.forEach(t -> byKey.put(t.path("key").asText(), t.path("label").asText() + " " + t.path("sessions").asLong()
                + " " + BigDecimal.valueOf(t.path("time").asDouble()).setScale(3, java.math.RoundingMode.HALF_UP)));
        return byKey;
    }

    private static Sent session(double seconds) throws Exception {
        Process process = lekiwiProcess(seconds);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = output(process);
        assertEquals("the LeKiwi script's exit; it printed: " + output, 0, process.exitValue());
        return lastLine(output);
    }

    private static Process lekiwiProcess(double seconds) throws IOException {
        return new ProcessBuilder(Prerequisite.PYTHON3, lekiwi.toString(), Integer.toString(commandPort),
                Integer.toString(observationPort), Double.toString(seconds)).redirectErrorStream(true).start();
    }

    /** The first line the script prints: when its first command went out. */
    private static double firstCommand(Process process) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = process.getInputStream().read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return Double.parseDouble(line.toString().trim().split(" ")[1]);
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** The last line: {@code sent FIRST LAST COUNT}. */
    private static Sent lastLine(String output) {
        String[] lines = output.split("\n");
        String[] parts = lines[lines.length - 1].trim().split(" ");
        assertEquals(output, "sent", parts[0]);
        return new Sent(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Integer.parseInt(parts[3]));
    }

    private static JsonNode sessions() throws IOException {
        return JSON.readTree(get("/sessions?limit=10"));
    }

    private static List<JsonNode> endedSessions() throws IOException {
        String body = get("/sessions?limit=10");
        if (body.isEmpty()) {
            return List.of();
        }
        List<JsonNode> ended = new ArrayList<>();
        JSON.readTree(body).path("sessions").forEach(s -> {
            if (!s.path("is_active").asBoolean()) {
                ended.add(s);
            }
        });
        return ended;
    }

    private static String get(String path) {
        return copy.body(path);
    }

    /**
     * A LeKiwi robot host and its operator as lerobot writes them (pyzmq over libzmq): the host binds PULL
     * for commands and PUSH for observations; the client connects, sends 30 Hz commands for the given
     * seconds (or until SIGTERM) and reads observations. Prints {@code first T} once the first command is
     * out, and {@code sent FIRST LAST COUNT} at the end.
     */
    private static final String LEKIWI = """
            import json, signal, sys, time, zmq
            cmd_port, obs_port, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
            stop = []
            signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
            host = zmq.Context()
            commands = host.socket(zmq.PULL)
            commands.bind(f"tcp://127.0.0.1:{cmd_port}")
            observations = host.socket(zmq.PUSH)
            observations.setsockopt(zmq.SNDHWM, 2)
            observations.bind(f"tcp://127.0.0.1:{obs_port}")
            client = zmq.Context()
            push = client.socket(zmq.PUSH)
            push.setsockopt(zmq.IMMEDIATE, 1)
            push.connect(f"tcp://127.0.0.1:{cmd_port}")
            pull = client.socket(zmq.PULL)
            pull.setsockopt(zmq.RCVHWM, 2)
            pull.connect(f"tcp://127.0.0.1:{obs_port}")
            keys = [f"arm_{j}.pos" for j in ("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex",
                                               "wrist_roll", "gripper")] + ["x.vel", "y.vel", "theta.vel"]
            first = last = None
            sent = 0
            start = time.time()
            while not stop and (first is None or time.time() - first < seconds) and time.time() - start < seconds + 20:
                action = {k: 0.0 for k in keys}
                action["x.vel"] = 0.1
                try:
                    push.send_string(json.dumps(action), zmq.NOBLOCK)
                    last = time.time()
                    if first is None:
                        first = last
                        print(f"first {first:.3f}", flush=True)
                    sent += 1
                except zmq.Again:
                    pass
                try:
                    while True:
                        commands.recv(zmq.NOBLOCK)
                except zmq.Again:
                    pass
                try:
                    observations.send_string(json.dumps({"x.vel": 0.1, "battery": 12.1}), zmq.NOBLOCK)
                except zmq.Again:
                    pass
                try:
                    while True:
                        pull.recv(zmq.NOBLOCK)
                except zmq.Again:
                    pass
                time.sleep(1 / 30)
            for s in (push, pull, commands, observations):
                s.close(linger=0)
            client.term()
            host.term()
            print(f"sent {first:.3f} {last:.3f} {sent}", flush=True)
            """;
}
