package org.teleopmon.streamer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.jetty.websocket.api.StatusCode;
import org.teleopmon.wire.Wire;

/**
 * The client side of the seed's protocol: {@code subscribe}, {@code unsubscribe}, {@code ping},
 * {@code get_state}, and {@code resume}. Anything else earns an {@code error} message; a client that
 * keeps sending garbage is closed with 1008.
 */
final class ClientProtocol {

    static final int MAX_ERRORS = 50;

    private final Hub hub;
    private final Supplier<ObjectNode> hello;
    private final Supplier<ObjectNode> state;
    private final Supplier<Integer> maxClients;
    private final Map<ClientConnection, Integer> errors = new ConcurrentHashMap<>();

    ClientProtocol(Hub hub, Supplier<ObjectNode> hello, Supplier<ObjectNode> state, Supplier<Integer> maxClients) {
        this.hub = hub;
        this.hello = hello;
        this.state = state;
        this.maxClients = maxClients;
    }

    ObjectNode hello() {
        return hello.get();
    }

    String maxClientsReason() {
        return "max_clients (" + maxClients.get() + ") reached: try again later";
    }

    void handle(ClientConnection client, String text) {
        JsonNode message;
        try {
            message = Wire.read(text);
        } catch (Exception e) {
            error(client, "invalid_json", "not a JSON message: " + Strings.clip(e.getMessage(), 120));
            return;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            error(client, "invalid_message", "expected a JSON object with a string \"type\"");
            return;
        }
        String type = message.get("type").asText();
        switch (type) {
            case "subscribe", "unsubscribe" -> subscribe(client, message, type.equals("subscribe"));
            case "ping" -> {
                ObjectNode data = Wire.object();
                if (message.has("data")) {
                    data.set("data", message.get("data"));
                }
                client.send(hub.reply("pong", data));
            }
            case "get_state" -> client.send(hub.reply("state", state.get()));
            case "resume" -> resume(client, message);
            default -> error(client, "unknown_type", "unknown message type \"" + Strings.clip(type, 40)
                    + "\"; expected subscribe, unsubscribe, ping, get_state or resume");
        }
    }

    private void subscribe(ClientConnection client, JsonNode message, boolean add) {
        JsonNode topics = message.get("topics");
        if (topics == null || !topics.isArray()) {
            error(client, "invalid_topics", "\"topics\" must be an array of event names");
            return;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode topic : topics) {
            if (!topic.isTextual() || !Topics.ALL.contains(topic.asText())) {
                error(client, "unknown_topic", "unknown topic " + Strings.clip(topic.toString(), 40)
                        + "; topics are " + Topics.ALL);
                return;
            }
            names.add(topic.asText());
        }
        if (add) {
            client.topics().addAll(names);
        } else {
            client.topics().removeAll(names);
        }
        ObjectNode data = Wire.object();
        ArrayNode current = data.putArray("topics");
        client.topics().stream().sorted().forEach(current::add);
        data.put("all", client.topics().isEmpty());
        client.send(hub.reply("subscribed", data));
    }

    private void resume(ClientConnection client, JsonNode message) {
        JsonNode lastSeq = message.get("last_seq");
        if (lastSeq == null || !lastSeq.canConvertToLong() || lastSeq.asLong() < 0) {
            error(client, "invalid_last_seq", "\"last_seq\" must be a non-negative integer");
            return;
        }
        JsonNode stream = message.get("stream_id");
        hub.resume(client, new Hub.Resume(lastSeq.asLong(), stream == null ? null : stream.asText()), () -> {
            ObjectNode data = Wire.object();
            data.set("state", state.get());
            return data;
        });
    }

    private void error(ClientConnection client, String code, String text) {
        int count = errors.merge(client, 1, Integer::sum);
        if (count > MAX_ERRORS) {
            errors.remove(client);
            hub.countDrop("protocol");
            client.close(StatusCode.POLICY_VIOLATION, "too many invalid messages");
            return;
        }
        ObjectNode data = Wire.object();
        data.put("code", code);
        data.put("message", text);
        client.send(hub.reply("error", data));
    }

    void forget(ClientConnection client) {
        errors.remove(client);
    }
}
