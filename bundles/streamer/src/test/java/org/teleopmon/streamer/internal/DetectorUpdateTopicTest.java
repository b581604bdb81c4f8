package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;

/** The opt-in {@code detector_update} topic: subscribers get throttled snapshots, nobody else any. */
class DetectorUpdateTopicTest extends WebSocketServerTest {

    private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"topics\":[\"detector_update\"]}";

    private static DetectorStatus zmq(double rate) {
        return new DetectorStatus("zmq", true, 90, 90, Health.ok(), Instant.now(), 40, "commands",
                Map.of("command_rate_hz", rate));
    }

    private static long count(WsClient client, String type) {
        return client.all.stream().filter(m -> m.path("type").asText().equals(type)).count();
    }

    @Test
    void aSubscriberReceivesThrottledUpdatesAndOthersNone() throws Exception {
        monitor.statuses.add(zmq(30.0));
        sources.detectors.add(new TestSources.DetectorWithDetails("zmq", List.of(Map.of("client", "10.0.0.7:5"))));
        String uri = start(Settings.local(0));
        WsClient subscriber = connect(uri);
        WsClient everything = connect(uri);
        WsClient atConnect = connect(uri + "?topics=detector_update");
        subscriber.next("hello");
        everything.next("hello");
        atConnect.next("hello");
        subscriber.send(SUBSCRIBE);
        assertThat(subscriber.next("subscribed").path("data").path("topics").toString())
                .isEqualTo("[\"detector_update\"]");

        JsonNode first = subscriber.next("detector_update");
        JsonNode zmq = first.path("data").path("detectors").get(0);
        assertThat(zmq.path("measurements").path("command_rate_hz").asDouble()).isEqualTo(30.0);
        assertThat(zmq.path("details").get(0).path("client").asText()).isEqualTo("10.0.0.7:5");
        assertThat(zmq.path("details_total").asInt()).isEqualTo(1);
        assertThat(first.path("data").path("details_limit").asInt()).isEqualTo(Streamer.DETECTOR_UPDATE_ROWS);
        assertThat(atConnect.next("detector_update").path("data").path("detectors")).hasSize(1);

        // 40 changes within about a second: the subscriber sees at most one update per interval
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            monitor.statuses.set(0, zmq(31.0 + i));
            Thread.sleep(25);
        }
        JsonNode latest = await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.all.stream()
                .filter(m -> m.path("type").asText().equals("detector_update")
                        && m.path("data").path("detectors").get(0).path("measurements").path("command_rate_hz")
                                .asDouble() == 70.0).findFirst().orElse(null), m -> m != null);
        double elapsedS = (System.nanoTime() - start) / 1e9;
        // one update per DETECTOR_UPDATE_MS at most (fixed delay), plus the first one; 40 changes came in
        long updates = count(subscriber, "detector_update");
        assertThat(updates).isLessThanOrEqualTo(2 + (long) Math.ceil(elapsedS * 1000 / Streamer.DETECTOR_UPDATE_MS))
                .isLessThan(40);
        assertThat(latest.path("data").path("detectors").get(0).path("name").asText()).isEqualTo("zmq");

        // unchanged: nothing more goes out
        long settled = count(subscriber, "detector_update");
        Thread.sleep(3 * Streamer.DETECTOR_UPDATE_MS);
        assertThat(count(subscriber, "detector_update")).isEqualTo(settled);

        // the client subscribed to everything (no topics) gets events but no detector_update
        streamer.onEvent(org.teleopmon.api.TeleopEvent.stateUpdate(TestSources.activeState("")));
        everything.next("state_update");
        assertThat(count(everything, "detector_update")).isZero();
    }

    @Test
    void unsubscribingStopsTheUpdates() throws Exception {
        monitor.statuses.add(zmq(30.0));
        String uri = start(Settings.local(0));
        WsClient client = connect(uri + "?topics=detector_update,health");
        client.next("hello");
        client.next("detector_update");
        client.send("{\"type\":\"unsubscribe\",\"topics\":[\"detector_update\"]}");
        client.next("subscribed");
        long seen = count(client, "detector_update");
        for (int i = 0; i < 3; i++) {
            monitor.statuses.set(0, zmq(40.0 + i));
            Thread.sleep(Streamer.DETECTOR_UPDATE_MS + 200);
        }
        assertThat(count(client, "detector_update")).isEqualTo(seen);
    }
}
