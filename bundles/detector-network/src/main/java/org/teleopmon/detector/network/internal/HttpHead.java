package org.teleopmon.detector.network.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Collects the head of an HTTP/1.1 message (request or response line and headers, up to the blank line)
 * from one direction of a connection, at most {@value #MAX} bytes. Its text is made once, when complete.
 */
final class HttpHead {

    static final int MAX = 4096;

    private byte[] buffer;
    private int have;
    private String text;
    private boolean overflow;

    void reset() {
        have = 0;
        text = null;
        overflow = false;
    }

    /**
     * Takes bytes until the head is complete; returns how many of {@code length} it used, or -1 when the
     * head is not complete yet (all used) or can no longer be (too long).
     */
    int feed(byte[] b, int offset, int length) {
        if (text != null || overflow) {
            return 0;
        }
        if (buffer == null) {
            buffer = new byte[MAX];
        }
        for (int i = 0; i < length; i++) {
            if (have == MAX) {
                overflow = true;
                return -1;
            }
            buffer[have++] = b[offset + i];
            if (have >= 4 && buffer[have - 1] == '\n' && buffer[have - 2] == '\r' && buffer[have - 3] == '\n'
                    && buffer[have - 4] == '\r') {
                text = new String(buffer, 0, have, StandardCharsets.ISO_8859_1);
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether nothing was taken yet. */
    boolean empty() {
        return have == 0 && text == null;
    }

    boolean complete() {
        return text != null;
    }

    /** Whether no head can come any more (too long). */
    boolean failed() {
        return overflow;
    }

    /** The first line, e.g. {@code GET /socket.io/?EIO=4&transport=websocket HTTP/1.1}. */
    String firstLine() {
        int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    /** The value of the first header with this name (any letter case), or empty. */
    String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(lower)) {
                return line.substring(lower.length()).trim();
            }
        }
        return "";
    }

    /** Whether the first bytes seen so far could start an HTTP request line ({@code GET }). */
    static boolean startsRequest(byte[] b, int offset, int length) {
        return length >= 4 && b[offset] == 'G' && b[offset + 1] == 'E' && b[offset + 2] == 'T'
                && b[offset + 3] == ' ';
    }
}
