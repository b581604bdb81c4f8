package org.teleopmon.detector.webrtc.internal;

/**
 * Open STUN requests of one flow, to pair each response with its request by transaction id and
 * so measure the round-trip time as seen from the capture point. A small ring: ICE sends a few
 * requests per second at most, and a request without an answer is simply overwritten.
 */
final class StunTransactions {

    private static final int SLOTS = 16;

    private final long[] high = new long[SLOTS];
    private final long[] low = new long[SLOTS];
    private final long[] sentNanos = new long[SLOTS];
    private final int[] direction = new int[SLOTS];
    private int next;

    void request(long txHigh, long txLow, long now, int dir) {
        int slot = next++ & SLOTS - 1;
        high[slot] = txHigh;
        low[slot] = txLow;
        sentNanos[slot] = now;
        direction[slot] = dir;
    }

    /**
     * The round trip in nanoseconds for a response travelling in {@code dir}, or -1 when its
     * request was not seen. The request must have gone the other way; a matched slot is freed.
     */
    long response(long txHigh, long txLow, long now, int dir) {
        for (int i = 0; i < SLOTS; i++) {
            if (sentNanos[i] != 0 && high[i] == txHigh && low[i] == txLow && direction[i] != dir) {
                long rtt = now - sentNanos[i];
                sentNanos[i] = 0;
                return rtt >= 0 ? rtt : -1;
            }
        }
        return -1;
    }

    /** The direction of the matched request's sender: its side measured the round trip. */
    static int requester(int responseDirection) {
        return 1 - responseDirection;
    }
}
