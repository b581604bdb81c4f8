package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * WebSocket clients that try to make the server work for them: never reading while asking for large
 * pongs, sending faster than allowed, or breaking the protocol. Each is dropped alone, counted under
 * its reason, and a well-behaved client keeps its answers.
 */
class HostileClientsTest extends WebSocketServerTest {

    private static final String BIG_PING = "{\"type\":\"ping\",\"data\":\"" + "p".repeat(60_000) + "\"}";

    @Test
    void aClientThatDoesNotReadItsPongsIsDroppedByBytesWaiting() throws Exception {
        // a generous input rate, so that only the bytes waiting for the client can stop it
        String uri = start(Settings.local(0).withBudgets(256 * 1024, 64 << 20));
        WsClient bystander = connect(uri);
        bystander.next("hello");
        List<WsClient> hostile = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hostile.add(track(WsClient.stalled(uri)));
        }
        await().atMost(WsClient.TIMEOUT).until(() -> streamer.hub().clientCount() == 5);

        List<CompletableFuture<Void>> senders = hostile.stream().map(client -> CompletableFuture.runAsync(() -> {
            // until the server drops it: sending then fails
            for (int i = 0; i < 2_000 && !client.socket.isOutputClosed(); i++) {
                try {
                    client.send(BIG_PING);
                } catch (RuntimeException closed) {
                    return;
                }
            }
        })).toList();
        await().atMost(WsClient.TIMEOUT).until(() -> streamer.hub().droppedCounts().getOrDefault("slow", 0L) == 4);

        bystander.send("{\"type\":\"ping\",\"data\":\"still there\"}");
        assertThat(bystander.next("pong").path("data").path("data").asText()).isEqualTo("still there");
        for (WsClient client : hostile) {
            client.resume();
            assertThat(client.awaitClose()).isIn(1008, -1, 1006);
        }
        senders.forEach(CompletableFuture::join);
        await().atMost(WsClient.TIMEOUT).until(() -> streamer.hub().clientCount() == 1);
        assertThat(streamer.hub().droppedCounts()).doesNotContainKey("flood");
    }

    @Test
    void aClientThatSendsFasterThanItsBudgetIsDropped() throws Exception {
        String uri = start(Settings.local(0).withBudgets(1 << 20, 128 * 1024));
        WsClient bystander = connect(uri);
        WsClient flooder = connect(uri);
        bystander.next("hello");
        flooder.next("hello");

        for (int i = 0; i < 50 && streamer.hub().droppedCounts().getOrDefault("flood", 0L) == 0; i++) {
            try {
                flooder.send(BIG_PING);
            } catch (RuntimeException closed) {
                break;
            }
        }
        // the JDK client reports an error instead of the close frame when its own send crossed it
        int code = flooder.awaitClose();
        assertThat(code).isIn(1008, -1);
        if (code == 1008) {
            assertThat(flooder.closeReason).contains("bytes per second");
        }
        assertThat(streamer.hub().droppedCounts()).containsEntry("flood", 1L);

        bystander.send(BIG_PING);
        assertThat(bystander.next("pong")).isNotNull();
    }

    @Test
    void everyProtocolCloseIsCounted() throws Exception {
        String uri = start(Settings.local(0));
        int closes = 0;
        for (int i = 0; i < 5; i++) {
            WsClient binary = connect(uri);
            binary.next("hello");
            binary.sendBinary(new byte[] {1, 2, 3});
            assertThat(binary.awaitClose()).isEqualTo(1003);
            closes++;
        }
        for (int i = 0; i < 3; i++) {
            WsClient garbage = connect(uri);
            garbage.next("hello");
            for (int m = 0; m <= ClientProtocol.MAX_ERRORS && !garbage.closed.isDone(); m++) {
                garbage.send("not json " + m);
            }
            assertThat(garbage.awaitClose()).isEqualTo(1008);
            closes++;
        }
        for (int i = 0; i < 2; i++) {
            WsClient oversize = connect(uri);
            oversize.next("hello");
            oversize.send("{\"type\":\"ping\",\"data\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(oversize.awaitClose()).isEqualTo(1009);
            closes++;
        }
        int expected = closes;
        await().atMost(WsClient.TIMEOUT).untilAsserted(() ->
                assertThat(streamer.hub().droppedCounts()).containsEntry("protocol", (long) expected));
    }
}
