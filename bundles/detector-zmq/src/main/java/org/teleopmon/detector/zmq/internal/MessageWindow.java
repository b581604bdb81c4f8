package org.teleopmon.detector.zmq.internal;

import java.util.Arrays;

/**
 * Arrival times and sizes of one stream's recent messages in a fixed ring, for rate, bandwidth and
 * inter-message gaps over a sliding window. Adding is allocation-free; the statistics are computed
 * when a signal is built, not per message.
 */
final class MessageWindow {

    private final long[] times;
    private final long[] sizes;
    private final long[] scratch;
    private final long windowNanos;
    private int head;
    private int count;
    private long total;
    private long totalBytes;
    private long last;

    MessageWindow(int capacity, long windowNanos) {
        this.times = new long[capacity];
        this.sizes = new long[capacity];
        this.scratch = new long[capacity];
        this.windowNanos = windowNanos;
    }

    void add(long nanos, long bytes) {
        times[head] = nanos;
        sizes[head] = bytes;
        head = (head + 1) % times.length;
        count = Math.min(count + 1, times.length);
        total++;
        totalBytes += bytes;
        last = nanos;
    }

    long total() {
        return total;
    }

    long totalBytes() {
        return totalBytes;
    }

    /** The oldest arrival still kept; 0 when none. */
    long oldest() {
        return count == 0 ? 0 : timeAt(count - 1);
    }

    /** Arrival of the latest message, epoch nanoseconds; 0 when none. */
    long last() {
        return last;
    }

    /** Messages per second over the window ending at {@code now}: (n - 1) / span of the n arrivals. */
    double rateHz(long now) {
        int n = inWindow(now);
        if (n < 2) {
            return 0;
        }
        long span = last - timeAt(n - 1);
        // A stream that stopped has its rate decay: count the silence since the last arrival.
        if (now - last > 2 * span / (n - 1)) {
            span = now - timeAt(n - 1);
        }
        return (n - 1) * 1e9 / Math.max(span, 1);
    }

    /** Megabits per second over the window ending at {@code now}. */
    double megabitsPerSecond(long now) {
        int n = inWindow(now);
        if (n < 2) {
            return 0;
        }
        long bits = 0;
        for (int i = 0; i < n - 1; i++) {
            bits += sizes[index(i)] * 8;
        }
        return bits * 1e3 / Math.max(now - timeAt(n - 1), 1);
    }

    /** Gaps between consecutive arrivals in the window, sorted ascending, in {@link #gap}. */
    int gaps(long now) {
        int n = inWindow(now);
        for (int i = 0; i < n - 1; i++) {
            scratch[i] = timeAt(i) - timeAt(i + 1);
        }
        Arrays.sort(scratch, 0, Math.max(n - 1, 0));
        return Math.max(n - 1, 0);
    }

    /** The q-quantile (0..1) of the {@code n} gaps last computed by {@link #gaps}, milliseconds. */
    double gapMs(int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(n - 1, Math.ceil(q * n) - 1);
        return scratch[Math.max(index, 0)] / 1e6;
    }

    /** How many of the kept arrivals fall inside the window ending at {@code now}. */
    private int inWindow(long now) {
        int n = 0;
        while (n < count && now - timeAt(n) <= windowNanos) {
            n++;
        }
        return n;
    }

    /** The i-th most recent arrival. */
    private long timeAt(int i) {
        return times[index(i)];
    }

    private int index(int i) {
        return Math.floorMod(head - 1 - i, times.length);
    }
}
