package org.teleopmon.detector.zmq.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ZMTP command frame (READY, HELLO, SUBSCRIBE...): its name and, for READY, the metadata
 * properties such as {@code Socket-Type} and {@code Identity}. Only the first
 * {@value #CAPACITY} bytes are kept; properties beyond them are not reported.
 */
final class CommandBody {

    static final int CAPACITY = 1024;
    private static final int MAX_VALUE_CHARS = 255;

    private final byte[] body = new byte[CAPACITY];
    private int length;
    private String name;
    private Map<String, String> properties;

    void reset() {
        length = 0;
    }

    void append(byte[] data, int offset, int n) {
        int take = Math.min(n, CAPACITY - length);
        System.arraycopy(data, offset, body, length, take);
        length += take;
    }

    /** Parses the kept bytes; returns a problem, or {@code null}. */
    String parse() {
        if (length < 1 || (body[0] & 0xFF) == 0 || 1 + (body[0] & 0xFF) > length) {
            return "command frame without a name";
        }
        int nameLength = body[0] & 0xFF;
        for (int i = 1; i <= nameLength; i++) {
            if (body[i] < 0x21 || body[i] > 0x7E) {
                return "command name is not printable ASCII";
            }
        }
        name = new String(body, 1, nameLength, StandardCharsets.US_ASCII);
        properties = "READY".equals(name) || "INITIATE".equals(name) ? metadata(1 + nameLength) : Map.of();
        return null;
    }

    String name() {
        return name;
    }

    Map<String, String> properties() {
        return properties;
    }

    private Map<String, String> metadata(int pos) {
        Map<String, String> result = new LinkedHashMap<>();
        while (pos < length) {
            int keyLength = body[pos++] & 0xFF;
            if (keyLength == 0 || pos + keyLength + 4 > length) {
                break;
            }
            String key = new String(body, pos, keyLength, StandardCharsets.US_ASCII);
            pos += keyLength;
            long valueLength = (body[pos] & 0xFFL) << 24 | (body[pos + 1] & 0xFF) << 16 | (body[pos + 2] & 0xFF) << 8
                    | body[pos + 3] & 0xFF;
            pos += 4;
            int available = (int) Math.min(valueLength, length - pos);
            result.put(key, printable(pos, Math.min(available, MAX_VALUE_CHARS)));
            pos += available;
        }
        return result;
    }

    /** Identities may be binary: printable ASCII stays as is, anything else becomes hex. */
    private String printable(int from, int n) {
        boolean text = true;
        for (int i = from; i < from + n; i++) {
            text &= body[i] >= 0x20 && body[i] <= 0x7E;
        }
        if (text) {
            return new String(body, from, n, StandardCharsets.US_ASCII);
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = from; i < from + n; i++) {
            hex.append(String.format("%02x", body[i] & 0xFF));
        }
        return hex.toString();
    }
}
