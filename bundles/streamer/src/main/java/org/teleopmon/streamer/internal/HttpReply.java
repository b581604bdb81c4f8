package org.teleopmon.streamer.internal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.wire.Wire;

/** What an endpoint answers: status, content type and body. */
public record HttpReply(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    static HttpReply json(int status, JsonNode node) {
        return new HttpReply(status, JSON, Wire.write(node).getBytes(StandardCharsets.UTF_8));
    }

    static HttpReply ok(JsonNode node) {
        return json(200, node);
    }

    /** A JSON error: {@code {"error": code, "message": text, "status": n}}; never a stack trace. */
    static HttpReply error(int status, String code, String message) {
        ObjectNode node = Wire.object();
        node.put("error", code);
        node.put("message", message);
        node.put("status", status);
        return json(status, node);
    }

    static HttpReply text(String contentType, String body) {
        return new HttpReply(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
