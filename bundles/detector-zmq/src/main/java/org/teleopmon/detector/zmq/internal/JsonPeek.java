package org.teleopmon.detector.zmq.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

/**
 * Reads the top-level keys of a JSON object from a possibly truncated prefix, with Jackson's
 * non-blocking parser: a 175 KB observation is judged by its first kilobytes, and nested values
 * and long strings are skipped, not decoded. Reused; not thread-safe.
 */
final class JsonPeek {

    static final int MAX_ID_CHARS = 128;

    private final JsonFactory factory = new JsonFactory();
    private long knownKeys;
    private int otherKeys;
    private boolean velocityNonZero;
    private boolean cams;
    private boolean commandType;
    private boolean legacyCommand;
    private boolean legacyObservation;
    private String operatorId;
    private boolean object;

    /**
     * Parses {@code data[0..length)}; {@code complete} says whether that is the whole value.
     * Returns false when the bytes are not (the start of) a JSON object.
     */
    boolean read(byte[] data, int length, boolean complete) {
        reset();
        try (JsonParser parser = factory.createNonBlockingByteArrayParser()) {
            ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(data, 0, length);
            if (complete) {
                ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).endOfInput();
            }
            return walk(parser, complete);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean walk(JsonParser parser, boolean complete) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            return false;
        }
        object = true;
        int depth = 1;
        String key = null;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (depth == 1 && token == JsonToken.FIELD_NAME) {
                key = parser.currentName();
                countKey(key);
            } else if (depth == 1 && key != null) {
                value(key, token, parser);
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
        return !complete || depth == 0;
    }

    private void countKey(String key) {
        long bit = RobotKeys.bit(key);
        if (bit != 0) {
            knownKeys |= bit;
            return;
        }
        switch (key) {
            case "_cams" -> cams = true;
            case "raw_velocity", "arm_positions" -> legacyCommand = true;
            case "images", "present_speed", "follower_arm_state" -> legacyObservation = true;
            case "operator_id", "operator" -> { }
            default -> otherKeys++;
        }
    }

    private void value(String key, JsonToken token, JsonParser parser) throws IOException {
        if (token.isNumeric() && RobotKeys.isVelocity(key) && parser.getDoubleValue() != 0.0) {
            velocityNonZero = true;
        } else if (token == JsonToken.VALUE_STRING && ("operator_id".equals(key) || "operator".equals(key))) {
            String text = parser.getText().strip();
            operatorId = text.length() > MAX_ID_CHARS ? text.substring(0, MAX_ID_CHARS) : text;
        } else if (token == JsonToken.VALUE_STRING && "type".equals(key) && "command".equals(parser.getText())) {
            commandType = true;
        }
    }

    private void reset() {
        knownKeys = 0;
        otherKeys = 0;
        velocityNonZero = false;
        cams = false;
        commandType = false;
        legacyCommand = false;
        legacyObservation = false;
        operatorId = null;
        object = false;
    }

    boolean isObject() {
        return object;
    }

    long knownKeys() {
        return knownKeys;
    }

    int otherKeys() {
        return otherKeys;
    }

    boolean velocityNonZero() {
        return velocityNonZero;
    }

    boolean cams() {
        return cams;
    }

    boolean commandType() {
        return commandType;
    }

    boolean legacyCommand() {
        return legacyCommand;
    }

    boolean legacyObservation() {
        return legacyObservation;
    }

    /** The operator id carried in the message, or {@code null}. */
    String operatorId() {
        return operatorId;
    }
}
