package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Alert;
import org.teleopmon.api.EventType;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;

/** The WebSocket protocol over a real socket, with the JDK's WebSocket client. */
class WebSocketProtocolTest extends WebSocketServerTest {

    @Test
    void helloCarriesVersionStateAndSeq() throws Exception {
        monitor.state = TestSources.activeState("");
        WsClient client = connect(start(Settings.local(0)));

        JsonNode hello = client.next("hello");
        assertThat(hello.path("data").path("version").asText()).isEqualTo("1.2.3");
        assertThat(hello.path("data").path("state").path("is_active").asBoolean()).isTrue();
        assertThat(hello.path("data").path("state").path("operators").get(0).path("name").asText()).isEqualTo("alice");
        assertThat(hello.has("seq")).isTrue();
        assertThat(hello.path("timestamp").asDouble()).isGreaterThan(1.7e9);
        assertThat(hello.path("data").path("alerts").size()).as("no alert service: no alerts").isZero();
    }

    @Test
    void helloCarriesTheAlertServicesRecentAlerts() throws Exception {
        TestSources.Alerts alerts = new TestSources.Alerts();
        alerts.history.add(new Alert("high_latency", "", Severity.WARNING, Alert.State.FIRING,
                EventType.LATENCY_WARNING, 150, 100, "latency 150 ms above 100 ms", Instant.now()));
        sources.alerts = alerts;
        WsClient client = connect(start(Settings.local(0)));

        JsonNode recent = client.next("hello").path("data").path("alerts");
        assertThat(recent.size()).isEqualTo(1);
        assertThat(recent.get(0).path("event").asText()).isEqualTo("latency_warning");
        assertThat(recent.get(0).path("status").asText()).isEqualTo("firing");
    }

    @Test
    void eventsArriveInOrderAndSubscribeFilters() throws Exception {
        String uri = start(Settings.local(0));
        WsClient everything = connect(uri);
        WsClient startsOnly = connect(uri);
        everything.next("hello");
        startsOnly.next("hello");
        startsOnly.send("{\"type\":\"subscribe\",\"topics\":[\"teleoperation_started\"]}");
        assertThat(startsOnly.next("subscribed").path("data").path("topics").toString())
                .isEqualTo("[\"teleoperation_started\"]");

        TeleopState state = TestSources.activeState("");
        SessionRecord session = new SessionRecord("s1", state.startTime(), null, null, List.of(), "lekiwi", Map.of());
        for (int i = 0; i < 50; i++) {
            streamer.onEvent(TeleopEvent.stateUpdate(state));
        }
        streamer.onEvent(TeleopEvent.session(EventType.TELEOPERATION_STARTED, state, session));

        JsonNode started = startsOnly.next("teleoperation_started");
        assertThat(started.path("data").path("session").path("id").asText()).isEqualTo("s1");
        assertThat(startsOnly.all).noneMatch(m -> m.path("type").asText().equals("state_update"));

        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seqs.add(everything.next("state_update").path("seq").asLong());
        }
        long startedSeq = everything.next("teleoperation_started").path("seq").asLong();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isGreaterThan(seqs.get(i - 1));
        }
        assertThat(startedSeq).isEqualTo(started.path("seq").asLong()).isGreaterThan(seqs.get(49));
        assertThat(everything.all.stream().filter(m -> m.path("type").asText().equals("state_update")).findFirst()
                .orElseThrow().path("data").path("is_active").asBoolean()).isTrue();
    }

    @Test
    void pingGetStateAndGarbageGetAnswersAndTheServerKeepsServing() throws Exception {
        String uri = start(Settings.local(0));
        WsClient client = connect(uri);
        client.next("hello");

        client.send("{\"type\":\"ping\",\"data\":7}");
        assertThat(client.next("pong").path("data").path("data").asInt()).isEqualTo(7);
        client.send("{\"type\":\"get_state\"}");
        assertThat(client.next("state").path("data").path("is_active").asBoolean()).isFalse();
        client.send("this is not json {");
        assertThat(client.next("error").path("data").path("code").asText()).isEqualTo("invalid_json");
        client.send("[1,2,3]");
        assertThat(client.next("error").path("data").path("code").asText()).isEqualTo("invalid_message");
        client.send("{\"type\":\"launch_missiles\"}");
        assertThat(client.next("error").path("data").path("code").asText()).isEqualTo("unknown_type");
        client.send("{\"type\":\"subscribe\",\"topics\":[\"nope\"]}");
        assertThat(client.next("error").path("data").path("code").asText()).isEqualTo("unknown_topic");

        streamer.onEvent(TeleopEvent.stateUpdate(TestSources.activeState("")));
        assertThat(client.next("state_update")).isNotNull();
    }

    @Test
    void binaryAndOversizeFramesCloseWithTheProperCodesOthersUnaffected() throws Exception {
        String uri = start(Settings.local(0));
        WsClient bystander = connect(uri);
        WsClient binary = connect(uri);
        WsClient oversize = connect(uri);
        bystander.next("hello");
        binary.next("hello");
        oversize.next("hello");

        binary.sendBinary(new byte[] {1, 2, 3});
        assertThat(binary.awaitClose()).isEqualTo(1003);
        oversize.send("{\"type\":\"ping\",\"data\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(oversize.awaitClose()).isEqualTo(1009);

        bystander.send("{\"type\":\"ping\"}");
        assertThat(bystander.next("pong")).isNotNull();
    }

    @Test
    void reconnectWithLastSeqReplaysWhatWasMissedOrSaysResync() throws Exception {
        String uri = start(Settings.local(0).withLimits(100, 256, 10));
        WsClient first = connect(uri);
        String stream = first.next("hello").path("data").path("stream_id").asText();
        TeleopState state = TestSources.activeState("");
        monitor.state = state;
        streamer.onEvent(TeleopEvent.stateUpdate(state));
        long seen = first.next("state_update").path("seq").asLong();
        first.close();

        OperatorInfo bob = new OperatorInfo(new Operator("bob", "bob", IdentitySource.OTHER, ""), Instant.now(),
                Instant.now(), java.util.Set.of());
        streamer.onEvent(TeleopEvent.operator(EventType.OPERATOR_CONNECTED, state, bob));
        streamer.onEvent(TeleopEvent.operator(EventType.OPERATOR_DISCONNECTED, state, bob));

        WsClient again = connect(uri + "?last_seq=" + seen + "&stream_id=" + stream
                + "&topics=operator_connected,operator_disconnected");
        again.next("hello");
        JsonNode connected = again.next("operator_connected");
        JsonNode disconnected = again.next("operator_disconnected");
        assertThat(connected.path("seq").asLong()).isGreaterThan(seen);
        assertThat(disconnected.path("seq").asLong()).isGreaterThan(connected.path("seq").asLong());
        assertThat(again.next("resumed").path("data").path("replayed").asInt()).isEqualTo(2);

        for (int i = 0; i < 20; i++) {
            streamer.onEvent(TeleopEvent.stateUpdate(state));
        }
        WsClient late = connect(uri + "?last_seq=" + seen);
        JsonNode resync = late.next("resync");
        assertThat(resync.path("data").path("state").path("is_active").asBoolean()).isTrue();

        WsClient otherRun = connect(uri + "?last_seq=" + seen + "&stream_id=someoneelse");
        assertThat(otherRun.next("resync")).isNotNull();
    }

    @Test
    void clientsBeyondMaxClientsAreClosedWithAReason() throws Exception {
        String uri = start(Settings.local(0).withLimits(2, 256, 100));
        connect(uri).next("hello");
        connect(uri).next("hello");

        WsClient third = connect(uri);
        assertThat(third.awaitClose()).isEqualTo(1013);
        assertThat(third.closeReason).contains("max_clients (2)");
        assertThat(third.all).isEmpty();
    }

    @Test
    void aSlowClientIsDroppedWithoutDelayingTheOthers() throws Exception {
        String uri = start(Settings.local(0).withLimits(100, 16, 100));
        WsClient fast = connect(uri);
        WsClient slow = WsClient.stalled(uri);
        track(slow);
        fast.next("hello");
        await().atMost(WsClient.TIMEOUT).until(() -> streamer.hub().clientCount() == 2);

        // Big events fill the socket buffers of the client that does not read.
        TeleopState state = TestSources.activeState("x".repeat(16_000));
        int sent = 0;
        while (streamer.hub().droppedCounts().getOrDefault("slow", 0L) == 0 && sent < 5_000) {
            streamer.onEvent(TeleopEvent.stateUpdate(state));
            sent++;
        }
        assertThat(streamer.hub().droppedCounts()).containsEntry("slow", 1L);

        long last = 0;
        for (int i = 0; i < sent; i++) {
            long seq = fast.next("state_update").path("seq").asLong();
            assertThat(seq).isGreaterThan(last);
            last = seq;
        }
        // Every broadcast (events and the streamer's health pushes) reached the fast client, in order.
        List<Long> broadcasts = fast.all.stream().filter(m -> Topics.ALL.contains(m.path("type").asText()))
                .map(m -> m.path("seq").asLong()).toList();
        for (int i = 1; i < broadcasts.size(); i++) {
            assertThat(broadcasts.get(i)).isEqualTo(broadcasts.get(i - 1) + 1);
        }
        slow.resume();
        assertThat(slow.awaitClose()).isEqualTo(1008);
        assertThat(slow.closeReason).contains("too slow");
        assertThat(streamer.hub().clientCount()).isEqualTo(1);
    }

    @Test
    void alertsArriveOnceAsEvents() throws Exception {
        String uri = start(Settings.local(0));
        WsClient client = connect(uri);
        client.next("hello");
        Alert alert = new Alert("high_latency", "", Severity.WARNING, Alert.State.FIRING, EventType.LATENCY_WARNING,
                150, 100, "latency 150 ms above 100 ms", Instant.now());

        streamer.onEvent(TeleopEvent.alert(alert, null));
        streamer.onEvent(TeleopEvent.stateUpdate(TestSources.activeState("")));

        JsonNode warning = client.next("latency_warning");
        assertThat(warning.path("data").path("value").asDouble()).isEqualTo(150);
        assertThat(warning.path("data").path("status").asText()).isEqualTo("firing");
        client.next("state_update");
        assertThat(client.all).filteredOn(m -> m.path("type").asText().equals("latency_warning")).hasSize(1);
    }

    @Test
    void originAllowListAndTokenGuardTheUpgrade() throws Exception {
        String uri = start(Settings.local(0).withAccess("s3cret", List.of("http://dashboard.example")));

        assertThat(handshakeStatus(uri, Map.of())).isEqualTo(401);
        assertThat(handshakeStatus(uri, Map.of("Authorization", "Bearer wrong"))).isEqualTo(401);
        assertThat(handshakeStatus(uri, Map.of("Authorization", "Bearer s3cret", "Origin", "http://evil.example")))
                .isEqualTo(403);
        WsClient allowed = WsClient.connect(uri, Map.of("Authorization", "Bearer s3cret",
                "Origin", "http://dashboard.example"), true);
        track(allowed);
        assertThat(allowed.next("hello")).isNotNull();
        WsClient browser = connect(uri + "?access_token=s3cret");
        assertThat(browser.next("hello")).isNotNull();
    }

    private static int handshakeStatus(String uri, Map<String, String> headers) {
        try {
            var builder = HttpClient.newHttpClient().newWebSocketBuilder();
            headers.forEach(builder::header);
            builder.buildAsync(URI.create(uri), new java.net.http.WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }
}
