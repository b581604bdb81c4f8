package org.teleopmon.detector.webrtc.internal;

/**
 * Per-second rates over a sliding window of fixed time buckets, for several counters at once.
 * Rates use whole buckets only, so a half-filled current bucket never biases them.
 */
final class RateWindow {

    static final int PACKETS = 0;
    static final int BYTES = 1;
    static final int FRAMES = 2;
    static final int LOST = 3;
    private static final int COUNTERS = 4;

    private final int buckets;
    private final long bucketNanos;
    private final long[] counts;
    private long head = Long.MIN_VALUE;
    private long firstBucket = Long.MIN_VALUE;

    RateWindow(long windowNanos, long bucketNanos) {
        this.bucketNanos = bucketNanos;
        this.buckets = (int) Math.max(1, windowNanos / bucketNanos);
        this.counts = new long[(buckets + 1) * COUNTERS];
    }

    void add(long now, long packets, long bytes, long frames, long lost) {
        long index = advance(now);
        int base = slot(index);
        counts[base + PACKETS] += packets;
        counts[base + BYTES] += bytes;
        counts[base + FRAMES] += frames;
        counts[base + LOST] += lost;
    }

    /** The counter's sum over the complete buckets of the window ending at {@code now}. */
    long sum(long now, int counter) {
        long index = now / bucketNanos;
        long sum = 0;
        for (long i = index - buckets; i < index; i++) {
            if (i > head - buckets - 1 && i <= head && i >= firstBucket) {
                sum += counts[slot(i) + counter];
            }
        }
        return sum;
    }

    /** Per second, over the complete buckets since the first event, at most the whole window. */
    double rate(long now, int counter) {
        long complete = Math.min(buckets, now / bucketNanos - firstBucket);
        if (firstBucket == Long.MIN_VALUE || complete <= 0) {
            return Double.NaN;
        }
        return sum(now, counter) * 1e9 / (complete * bucketNanos);
    }

    long windowNanos() {
        return buckets * bucketNanos;
    }

    private long advance(long now) {
        long index = now / bucketNanos;
        if (firstBucket == Long.MIN_VALUE) {
            firstBucket = index;
            head = index;
            return index;
        }
        if (index > head) {
            long clear = Math.min(index - head, buckets + 1);
            for (long i = 1; i <= clear; i++) {
                java.util.Arrays.fill(counts, slot(head + i), slot(head + i) + COUNTERS, 0);
            }
            head = index;
        }
        return Math.max(index, head - buckets);
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) buckets + 1) * COUNTERS;
    }
}
