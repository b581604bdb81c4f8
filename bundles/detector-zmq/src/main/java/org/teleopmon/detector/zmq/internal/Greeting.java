package org.teleopmon.detector.zmq.internal;

/** Checks of the 64-byte ZMTP 3.x greeting: signature {@code FF 00*8 7F}, version, mechanism. */
final class Greeting {

    private static final int MECHANISM_OFFSET = 12;
    private static final int MECHANISM_LENGTH = 20;

    private Greeting() {
    }

    /** The first problem among bytes {@code from..to} just added, or {@code null}. */
    static String problem(byte[] g, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = g[i] & 0xFF;
            if (i == 0 && b != 0xFF) {
                return String.format("not a ZMTP greeting: first byte 0x%02x, expected 0xff", b);
            }
            if (i == 9 && b != 0x7F) {
                return String.format("not a ZMTP greeting: signature byte 10 is 0x%02x, expected 0x7f", b);
            }
            if (i == 10 && b < 3) {
                return "ZMTP version " + b + " is not supported (3.x expected)";
            }
            if (i >= MECHANISM_OFFSET && i < MECHANISM_OFFSET + MECHANISM_LENGTH && b != 0 && !isMechanismChar(b)) {
                return String.format("mechanism name holds byte 0x%02x", b);
            }
        }
        return null;
    }

    static String mechanism(byte[] g) {
        int end = MECHANISM_OFFSET;
        while (end < MECHANISM_OFFSET + MECHANISM_LENGTH && g[end] != 0) {
            end++;
        }
        return new String(g, MECHANISM_OFFSET, end - MECHANISM_OFFSET, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isMechanismChar(int b) {
        return b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_';
    }
}
