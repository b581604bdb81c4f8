package org.teleopmon.detector.network.internal;

import java.util.Arrays;

/**
 * What one direction of a flow carried: totals, a sliding window of fixed buckets (packets, payload bytes,
 * messages, bursts), and the jitter of message and burst intervals. A <em>message</em> is what the sender
 * wrote: a datagram, a TLS record, a WebSocket message, or (from the socket table) a data segment. A
 * <em>burst</em> is a run of messages closer than the burst gap (and, once the burst interval is known, no
 * sooner than half an interval after the previous burst): one video frame, or one control message.
 *
 * <p>Jitter is the mean absolute deviation of the intervals from their mean, both smoothed over about 16
 * intervals (gain 1/16, as RFC 3550's jitter), as a fraction of the mean interval. Updating allocates
 * nothing; the statistics are read on the tick.
 */
final class DirectionStats {

    private static final double GAIN = 1.0 / 16;
    private static final double POLL_GAIN = 1.0 / 4;

    private final int buckets;
    private final long[] epoch;
    private final int[] packetCount;
    private final long[] byteCount;
    private final int[] messageCount;
    private final int[] burstCount;

    long packets;
    long bytes;
    long messages;
    long bursts;
    long firstNanos;
    long lastNanos;
    long lastMessageNanos;
    private long burstStartNanos;
    private double messageInterval;
    private double messageDeviation;
    private double burstInterval;
    private double burstDeviation;
    private int burstIntervals;
    private int messageIntervals;
    private double pollRate;
    private double pollByteRate;
    private double pollDeviation;
    private int polls;
    int busyPolls;

    DirectionStats(int buckets) {
        this.buckets = buckets;
        this.epoch = new long[buckets];
        this.packetCount = new int[buckets];
        this.byteCount = new long[buckets];
        this.messageCount = new int[buckets];
        this.burstCount = new int[buckets];
        reset();
    }

    void reset() {
        Arrays.fill(epoch, -1);
        packets = bytes = messages = bursts = 0;
        firstNanos = lastNanos = lastMessageNanos = burstStartNanos = 0;
        messageInterval = messageDeviation = burstInterval = burstDeviation = 0;
        burstIntervals = messageIntervals = 0;
        pollRate = pollByteRate = pollDeviation = 0;
        polls = busyPolls = 0;
    }

    /** A packet (segment, datagram) with {@code payload} bytes. */
    void packet(long now, int payload, long bucketNanos) {
        int b = bucket(now, bucketNanos);
        packetCount[b]++;
        byteCount[b] += payload;
        packets++;
        bytes += payload;
        if (firstNanos == 0) {
            firstNanos = now;
        }
        lastNanos = now;
    }

    /** A message the sender wrote; starts a burst when the previous one is older than {@code burstGap}. */
    void message(long now, long bucketNanos, long burstGapNanos) {
        int b = bucket(now, bucketNanos);
        messageCount[b]++;
        messages++;
        if (lastMessageNanos != 0) {
            double interval = now - lastMessageNanos;
            messageInterval = messageIntervals == 0 ? interval : messageInterval + GAIN * (interval - messageInterval);
            messageDeviation += GAIN * (Math.abs(interval - messageInterval) - messageDeviation);
            messageIntervals++;
        }
        // A pause inside a frame (a busy sender, a relay forwarding in chunks) must not split it: once the
        // frame interval is known, a burst starts no sooner than half an interval after the previous one.
        boolean pause = lastMessageNanos == 0 || now - lastMessageNanos > burstGapNanos;
        if (pause && (burstIntervals < 4 || now - burstStartNanos > burstInterval / 2)) {
            if (burstStartNanos != 0) {
                double interval = now - burstStartNanos;
                burstInterval = burstIntervals == 0 ? interval : burstInterval + GAIN * (interval - burstInterval);
                burstDeviation += GAIN * (Math.abs(interval - burstInterval) - burstDeviation);
                burstIntervals++;
            }
            burstStartNanos = now;
            burstCount[b]++;
            bursts++;
        }
        lastMessageNanos = now;
        if (firstNanos == 0) {
            firstNanos = now;
        }
        lastNanos = Math.max(lastNanos, now);
    }

    /**
     * What the kernel counted since the previous reading, {@code seconds} ago: {@code segments} data segments
     * of {@code payload} bytes; {@code busy} when the socket's send queue was not empty (a bulk sender).
     */
    void kernel(long now, long segments, long payload, double seconds, boolean busy, long bucketNanos) {
        int b = bucket(now, bucketNanos);
        packetCount[b] += (int) segments;
        messageCount[b] += (int) segments;
        byteCount[b] += payload;
        packets += segments;
        messages += segments;
        bytes += payload;
        if (segments > 0) {
            if (firstNanos == 0) {
                firstNanos = now;
            }
            lastNanos = now;
            lastMessageNanos = now;
        }
        double rate = seconds > 0 ? segments / seconds : 0;
        double byteRate = seconds > 0 ? payload / seconds : 0;
        pollRate = polls == 0 ? rate : pollRate + POLL_GAIN * (rate - pollRate);
        pollByteRate = polls == 0 ? byteRate : pollByteRate + POLL_GAIN * (byteRate - pollByteRate);
        pollDeviation += POLL_GAIN * (Math.abs(rate - pollRate) - pollDeviation);
        polls++;
        busyPolls += busy ? 1 : 0;
    }

    /** Adds this direction's window ending at {@code now} into {@code out}. */
    void window(long now, long bucketNanos, Window out) {
        long current = Math.floorDiv(now, bucketNanos);
        for (int i = 0; i < buckets; i++) {
            long e = epoch[i];
            if (e > current - buckets && e <= current) {
                out.packets += packetCount[i];
                out.bytes += byteCount[i];
                out.messages += messageCount[i];
                out.bursts += burstCount[i];
            }
        }
        long windowStart = (current - buckets + 1) * bucketNanos;
        long start = firstNanos > windowStart ? firstNanos : windowStart;
        out.seconds = Math.max(now - start, bucketNanos) / 1e9;
        out.messageJitter = messageIntervals < 4 ? Double.NaN : messageDeviation / Math.max(messageInterval, 1);
        out.burstJitter = burstIntervals < 4 ? Double.NaN : burstDeviation / Math.max(burstInterval, 1);
        out.pollJitter = polls < 3 ? Double.NaN : pollDeviation / Math.max(pollRate, 1e-9);
        out.polls = polls;
        out.busyPolls = busyPolls;
        out.pollRate = pollRate;
        out.pollByteRate = pollByteRate;
    }

    private int bucket(long now, long bucketNanos) {
        long number = Math.floorDiv(now, bucketNanos);
        int i = (int) Math.floorMod(number, (long) buckets);
        if (epoch[i] != number) {
            epoch[i] = number;
            packetCount[i] = 0;
            byteCount[i] = 0;
            messageCount[i] = 0;
            burstCount[i] = 0;
        }
        return i;
    }

    /** One direction's window, summed; reused by the classifier (filled by {@link #window}). */
    static final class Window {
        long packets;
        long bytes;
        long messages;
        long bursts;
        double seconds;
        double messageJitter;
        double burstJitter;
        double pollJitter;
        int polls;
        int busyPolls;
        double pollRate;
        double pollByteRate;

        Window clear() {
            packets = bytes = messages = bursts = 0;
            seconds = 0;
            messageJitter = burstJitter = pollJitter = Double.NaN;
            polls = busyPolls = 0;
            pollRate = pollByteRate = 0;
            return this;
        }

        /**
         * Messages per second: over the window for packets, per reading (smoothed) for the socket table,
         * whose counts arrive once a reading and would make a window's edge count a reading too many.
         */
        double messageRate() {
            return polls > 0 ? pollRate : messages / seconds;
        }

        double burstRate() {
            return bursts / seconds;
        }

        double mbps() {
            return (polls > 0 ? pollByteRate : bytes / seconds) * 8 / 1e6;
        }

        /** Mean payload per message (for TCP: per data segment or record), bytes. */
        double meanMessageBytes() {
            return messages == 0 ? 0 : (double) bytes / messages;
        }

        double meanPacketBytes() {
            return packets == 0 ? 0 : (double) bytes / packets;
        }
    }
}
