package org.teleopmon.detector.webrtc.internal;

/**
 * Infers an RTP stream's clock rate from how fast its timestamps advance against capture time.
 * SDP, which names the rate, travels over the signalling channel and is not seen; the rate tells
 * video (90 kHz, RFC 3551) from audio (8 to 48 kHz).
 */
final class ClockRate {

    static final int VIDEO = 90_000;
    private static final int[] KNOWN = {8_000, 16_000, 24_000, 32_000, 44_100, 48_000, VIDEO};
    private static final long MIN_SPAN_NANOS = 400_000_000L;

    private long firstNanos = -1;
    private long firstTimestamp;
    private long unwrapped;
    private long lastTimestamp;
    private long lastNanos;
    private int rate;

    /** The RTP timestamp, unwrapped across 2^32, relative to the first one seen. */
    long unwrap(long timestamp) {
        return unwrapped + (int) (timestamp - lastTimestamp);
    }

    void sample(long nanos, long timestamp) {
        if (firstNanos < 0) {
            firstNanos = lastNanos = nanos;
            firstTimestamp = lastTimestamp = timestamp;
            return;
        }
        int delta = (int) (timestamp - lastTimestamp);
        if (delta > 0) {
            unwrapped += delta;
            lastTimestamp = timestamp;
            lastNanos = nanos;
            rate = nearest();
        }
    }

    /** The nearest standard rate, if within 10 %; 0 while unknown or non-standard. */
    int rate() {
        return rate;
    }

    private int nearest() {
        long span = lastNanos - firstNanos;
        if (firstNanos < 0 || span < MIN_SPAN_NANOS || unwrapped <= 0) {
            return 0;
        }
        double measured = unwrapped * 1e9 / span;
        int nearest = 0;
        for (int known : KNOWN) {
            if (Math.abs(measured - known) <= known * 0.10
                    && (nearest == 0 || Math.abs(measured - known) < Math.abs(measured - nearest))) {
                nearest = known;
            }
        }
        return nearest;
    }

    long firstTimestamp() {
        return firstTimestamp;
    }
}
