package org.teleopmon.detector.support;

import java.time.Instant;

/**
 * A packet detector's "now" in capture time: the last packet's timestamp plus the monotonic time since
 * it arrived. Live, that is the wall clock; while a recorded file is replayed, it follows the
 * recording, so its flows and calls do not time out the moment they are read. Thread-safe.
 */
public final class CaptureClock {

    private volatile long packetNanos = -1;
    private volatile long packetMono;

    /** A packet with this capture timestamp (nanoseconds since the epoch) arrived now. */
    public void packet(long timestampNanos) {
        packetNanos = timestampNanos;
        packetMono = System.nanoTime();
    }

    /** Nanoseconds since the epoch, in capture time. */
    public long now() {
        long at = packetNanos;
        if (at < 0) {
            Instant wall = Instant.now();
            return wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
        }
        return at + (System.nanoTime() - packetMono);
    }
}
