package org.teleopmon.export.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Mosquitto;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;
import org.teleopmon.wire.Wire;

/** The export against a real Mosquitto (password file, ACL, random loopback port, TLS with a self-signed CA). */
@Requires(Prerequisite.MOSQUITTO)
class MqttExportLiveTest {

    private static final RobotIdentity KIWI = new RobotIdentity() {
        @Override
        public String robotId() {
            return "kiwi-7";
        }

        @Override
        public String site() {
            return "lab";
        }
    };

    @TempDir
    Path dir;

    private Mosquitto broker;
    private MqttExport export;

    @AfterEach
    void stop() {
        if (export != null) {
            export.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesEveryEventInOrderWithRetainedStateAndStatus() {
        broker = standardBroker();
        Mosquitto.Subscription viewer = broker.subscribe("viewer-1", "viewer", "view-pw", "teleop/#");
        export = new MqttExport(settings("tcp://127.0.0.1:" + broker.port(), "robot", "robot-pw"), KIWI,
                () -> Optional.of(TeleopState.idle("lekiwi", Instant.now()))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> export.health().status() == Health.Status.OK);
        List<TeleopEvent> events = session(5);
        events.forEach(export::offer);

        await().atMost(Duration.ofSeconds(10)).until(() -> received(viewer, "/operator_").size() == 5);
        List<JsonNode> messages = received(viewer, "teleop/lab/kiwi-7/");
        Mosquitto.Subscription late = broker.subscribe("viewer-late", "viewer", "view-pw", "teleop/lab/kiwi-7/+");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(late.lines())
                .anyMatch(l -> l.startsWith("1 teleop/lab/kiwi-7/status ") && l.contains("\"online\":true"))
                .anyMatch(l -> l.startsWith("1 teleop/lab/kiwi-7/state ") && l.contains("\"type\":\"state_update\"")));
        assertThat(late.lines()).noneMatch(l -> l.contains("/operator_connected "));
        List<String> types = messages.stream().map(m -> m.path("type").asText()).filter(t -> !t.isEmpty()
                && !t.equals("state_update")).collect(Collectors.toList());
        assertThat(types).containsExactly("teleoperation_started", "operator_connected", "operator_connected",
                "operator_connected", "operator_connected", "operator_connected", "teleoperation_stopped");
        assertThat(seqs(messages)).isSorted().doesNotHaveDuplicates();
        assertThat(messages.get(messages.size() - 1).path("data").path("session").path("id").asText()).isEqualTo("s1");
        assertThat(export.health().message()).contains("0 events waiting");
    }

    @Test
    void aBrokerAwayThirtySecondsLosesNothingAndKeepsTheOrder() throws Exception {
        broker = standardBroker();
        Mosquitto.Subscription viewer = broker.subscribe("viewer-2", "viewer", "view-pw", "teleop/lab/kiwi-7/+");
        export = new MqttExport(settings("tcp://127.0.0.1:" + broker.port(), "robot", "robot-pw"), KIWI,
                Optional::empty).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> export.health().status() == Health.Status.OK);
        List<TeleopEvent> events = session(20);
        events.subList(0, 3).forEach(export::offer);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(viewer, "/operator_").size() == 2);

        broker.stop();
        events.subList(3, events.size()).forEach(export::offer);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(export.health().message())
                .contains((events.size() - 3) + " events waiting"));
        assertThat(export.health().status()).isEqualTo(Health.Status.WARN);
        // The outage: for 30 s every event waits on disk, none lost, the health saying so throughout.
        await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(32)).until(() ->
                export.waiting() == events.size() - 3 && export.health().status() == Health.Status.WARN);
        broker.start();

        await().atMost(Duration.ofSeconds(90)).until(() -> distinctSeqs(viewer).size() == events.size());
        List<Long> seqs = seqs(received(viewer, "teleop/lab/kiwi-7/").stream()
                .filter(m -> !m.path("type").asText().equals("state_update") && m.has("seq")).toList());
        // QoS 1 may deliver an event twice; a consumer drops a seq it has seen. What remains is the order sent.
        assertThat(new ArrayList<>(new LinkedHashSet<>(seqs))).isSorted().hasSize(events.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> export.health().status() == Health.Status.OK);
        assertThat(export.dropped()).isZero();
    }

    @Test
    void refusedCredentialsAreCriticalWithTheBrokersReasonAndBackOff() {
        broker = standardBroker();
        export = new MqttExport(settings("tcp://127.0.0.1:" + broker.port(), "robot", "wrong"), KIWI,
                Optional::empty).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> export.health().status() == Health.Status.CRITICAL);
        assertThat(export.health().message()).contains("refused the connection").contains("Not authorized")
                .contains("check username and password");
        export.offer(session(1).get(0));
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() ->
                export.health().status() == Health.Status.CRITICAL);
        long attempts = broker.log().stream().filter(l -> l.contains("New connection from")).count();
        // 1 s, 2 s, 4 s between attempts: four in eight seconds at most, never a storm.
        assertThat(attempts).isBetween(2L, 5L);
        assertThat(export.health().message()).contains("1 event waiting");
    }

    @Test
    void tlsWithASelfSignedAuthority() throws Exception {
        Path tls = dir.resolve("broker");
        java.nio.file.Files.createDirectories(tls);
        openssl(tls, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        openssl(tls, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
                "-out", "server.csr");
        java.nio.file.Files.writeString(tls.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(tls, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
        broker = Mosquitto.in(tls).user("robot", "robot-pw", "topic readwrite teleop/lab/#")
                .tls(tls.resolve("server.crt"), tls.resolve("server.key")).start();
        String uri = "ssl://127.0.0.1:" + broker.port();

        export = new MqttExport(settings(uri, "robot", "robot-pw"), KIWI, Optional::empty).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> export.health().status() == Health.Status.CRITICAL);
        assertThat(export.health().message()).startsWith("TLS with " + uri + " failed").contains("tls.ca.file");
        export.close();

        Settings trusted = settings(uri, "robot", "robot-pw");
        trusted = new Settings(true, uri, "", "robot", "robot-pw".toCharArray(), tls.resolve("ca.crt").toString(), "",
                new char[0], "teleop", trusted.events(), trusted.stateInterval(), trusted.queueMaxBytes(),
                trusted.queueDir(), 30, Duration.ofSeconds(2), Duration.ofSeconds(5));
        export = new MqttExport(trusted, KIWI, Optional::empty).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> export.health().status() == Health.Status.OK);
        assertThat(export.health().message()).startsWith("connected to " + uri);
    }

    @Test
    @Requires(Prerequisite.ROOT)
    void aFullDiskIsAWarningWithTheReasonAndTheEventsCounted() throws Exception {
        Path small = dir.resolve("small");
        java.nio.file.Files.createDirectories(small);
        run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString());
        try {
            Settings base = settings("tcp://127.0.0.1:1", "robot", "pw");
            Settings settings = new Settings(true, base.brokerUri(), "", "robot", "pw".toCharArray(), "", "",
                    new char[0], "teleop", base.events(), base.stateInterval(), 1 << 20, small.resolve("queue"), 30,
                    Duration.ofSeconds(60), Duration.ofSeconds(2));
            export = new MqttExport(settings, KIWI, Optional::empty).start();
            for (int i = 0; i < 20; i++) {
                session(10).forEach(export::offer);
            }
            // Every event either waits on the disk or is counted as dropped; the health says why.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(export.waiting() + export.dropped()).isEqualTo(20 * 12);
                assertThat(export.health().message()).contains("No space left on device").contains("dropped");
            });
            assertThat(export.health().status()).isEqualTo(Health.Status.WARN);
            assertThat(export.dropped()).isPositive();
            assertThat(export.waiting()).isPositive();
        } finally {
            export.close();
            export = null;
            run("umount", small.toString());
        }
    }

    private static void run(String... command) throws Exception {
        try (ChildProcess child = ChildProcess.start(command[0], new ProcessBuilder(command), null)) {
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.tails()).isZero();
        }
    }

    private Mosquitto standardBroker() {
        return Mosquitto.in(dir.resolve("broker")).user("robot", "robot-pw", "topic readwrite teleop/lab/kiwi-7/#")
                .user("viewer", "view-pw", "topic read teleop/#").start();
    }

    private Settings settings(String uri, String user, String password) {
        return new Settings(true, uri, "", user, password.toCharArray(), "", "", new char[0], "teleop",
                Set.of(EventType.values()), Duration.ofMillis(200), 1 << 20, dir.resolve("queue"), 30,
                Duration.ofSeconds(4), Duration.ofSeconds(5));
    }

    private static List<TeleopEvent> session(int operators) {
        Instant start = Instant.now();
        TeleopState idle = TeleopState.idle("lekiwi", start);
        List<TeleopEvent> events = new ArrayList<>();
        Operator first = new Operator("10.0.0.1", "alice", IdentitySource.NETWORK_PEER, "");
        events.add(TeleopEvent.session(EventType.TELEOPERATION_STARTED, idle,
                new SessionRecord("s1", start, null, null, List.of(first), "lekiwi", Map.of())));
        for (int i = 1; i <= operators; i++) {
            Operator operator = new Operator("10.0.0." + i, "op" + i, IdentitySource.NETWORK_PEER, "");
            events.add(TeleopEvent.operator(EventType.OPERATOR_CONNECTED, idle,
                    new OperatorInfo(operator, start, start, Set.of("zmq"))));
        }
        Instant end = start.plusSeconds(5);
        events.add(TeleopEvent.session(EventType.TELEOPERATION_STOPPED, idle,
                new SessionRecord("s1", start, end, Duration.ofSeconds(5), List.of(first), "lekiwi", Map.of())));
        return events;
    }

    private static List<JsonNode> received(Mosquitto.Subscription subscription, String topicPart) {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : subscription.lines()) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && parts[1].contains(topicPart)) {
                try {
                    messages.add(Wire.read(parts[2]));
                } catch (Exception e) {
                    throw new AssertionError("not JSON on " + parts[1] + ": " + parts[2], e);
                }
            }
        }
        return messages;
    }

    private static Set<Long> distinctSeqs(Mosquitto.Subscription subscription) {
        return received(subscription, "teleop/").stream().filter(m -> m.has("seq")
                && !m.path("type").asText().equals("state_update")).map(m -> m.path("seq").asLong())
                .collect(Collectors.toSet());
    }

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.has("seq") && !m.path("type").asText().equals("state_update"))
                .map(m -> m.path("seq").asLong()).toList();
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try (ChildProcess openssl = ChildProcess.start("openssl", new ProcessBuilder(command).directory(dir.toFile()),
                null)) {
            assertThat(openssl.awaitExit(Duration.ofSeconds(30))).as(openssl.tails()).isZero();
        }
    }
}
