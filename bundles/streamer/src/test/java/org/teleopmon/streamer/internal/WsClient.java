package org.teleopmon.streamer.internal;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.teleopmon.wire.Wire;

/** A real JDK WebSocket client that keeps every message it receives and how it was closed. */
final class WsClient implements WebSocket.Listener {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final List<JsonNode> all = new CopyOnWriteArrayList<>();
    final CompletableFuture<int[]> closed = new CompletableFuture<>();
    volatile String closeReason;
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    private WsClient(boolean reading) {
        this.reading = reading;
    }

    static WsClient connect(String uri) {
        return connect(uri, Map.of(), true);
    }

    /** A client that reads nothing until {@link #resume()}: a slow consumer. */
    static WsClient stalled(String uri) {
        return connect(uri, Map.of(), false);
    }

    static WsClient connect(String uri, Map<String, String> headers, boolean reading) {
        WsClient client = new WsClient(reading);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create(uri), client).orTimeout(20, TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode node = Wire.read(partial.toString());
                all.add(node);
                received.add(node);
            } catch (Exception e) {
                throw new IllegalStateException("server sent invalid JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(new int[] {statusCode});
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new int[] {-1});
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void resume() {
        socket.request(Long.MAX_VALUE);
    }

    /** The next message of {@code type}, skipping others (such as health pushes). */
    JsonNode next(String type) throws InterruptedException {
        return next(m -> m.path("type").asText().equals(type), type);
    }

    JsonNode next(Predicate<JsonNode> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode node = received.poll(100, TimeUnit.MILLISECONDS);
            if (node != null && wanted.test(node)) {
                return node;
            }
        }
        throw new AssertionError("no " + what + " message within " + TIMEOUT + "; got " + all);
    }

    int awaitClose() {
        await().atMost(TIMEOUT).until(closed::isDone);
        return closed.join()[0];
    }

    void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
