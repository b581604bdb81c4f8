package org.teleopmon.detector.network.internal;

/**
 * Reads the start of one Engine.IO packet carried in a WebSocket text message (Engine.IO v3/v4: a one-digit
 * packet type, then the data), and of the Socket.IO packet inside a "message" (a type digit, an optional
 * attachment count, namespace and ack id, then a JSON array whose first element is the event name). Reads
 * only the bytes given; allocates nothing.
 */
final class SocketIo {

    static final int OTHER = 0;
    static final int PING = 1;
    static final int PONG = 2;
    static final int COMMAND = 3;
    static final int EVENT = 4;

    private SocketIo() {
    }

    /** {@link #COMMAND} when the packet is an event named one of {@code commands}; else its kind. */
    static int classify(byte[] b, int length, byte[][] commands) {
        if (length == 0) {
            return OTHER;
        }
        switch (b[0]) {
            case '2':
                return PING;
            case '3':
                return PONG;
            case '4':
                return event(b, length, commands);
            default:
                return OTHER;
        }
    }

    private static int event(byte[] b, int length, byte[][] commands) {
        if (length < 2 || b[1] != '2' && b[1] != '5') {
            return OTHER;
        }
        int i = 2;
        if (b[1] == '5') {
            while (i < length && isDigit(b[i])) {
                i++;
            }
            if (i >= length || b[i] != '-') {
                return OTHER;
            }
            i++;
        }
        if (i < length && b[i] == '/') {
            while (i < length && b[i] != ',') {
                i++;
            }
            i++;
        }
        while (i < length && isDigit(b[i])) {
            i++;
        }
        if (i + 1 >= length || b[i] != '[' || b[i + 1] != '"') {
            return EVENT;
        }
        int nameStart = i + 2;
        for (byte[] name : commands) {
            int end = nameStart + name.length;
            if (end < length && b[end] == '"' && java.util.Arrays.equals(b, nameStart, end, name, 0, name.length)) {
                return COMMAND;
            }
        }
        return EVENT;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
