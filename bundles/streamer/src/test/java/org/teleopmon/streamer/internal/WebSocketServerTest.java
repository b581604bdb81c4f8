package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

/** A streamer on a free loopback port and the WebSocket clients a test opens, all closed after it. */
abstract class WebSocketServerTest {

    final TestSources sources = new TestSources();
    final TestSources.Monitor monitor = new TestSources.Monitor();
    private final List<WsClient> clients = new ArrayList<>();
    Streamer streamer;

    /** Starts the streamer; its WebSocket URI. */
    String start(Settings settings) {
        sources.monitor = monitor;
        streamer = new Streamer(sources, settings, "1.2.3");
        streamer.start();
        assertThat(streamer.port()).isPositive();
        return "ws://127.0.0.1:" + streamer.port() + "/ws";
    }

    WsClient connect(String uri) {
        return track(WsClient.connect(uri));
    }

    /** Closes {@code client} after the test. */
    WsClient track(WsClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClientsAndServer() {
        clients.forEach(WsClient::close);
        if (streamer != null) {
            streamer.close();
        }
    }
}
