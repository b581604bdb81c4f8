package org.teleopmon.detector.webrtc.internal;

/**
 * The detector's "now" in capture time: the last packet's timestamp plus the monotonic time since
 * it arrived. Live, that is the wall clock; while a recorded file is replayed, it follows the
 * recording, so its calls do not time out the moment they are read.
 */
final class TimeBase {

    private volatile long packetNanos = -1;
    private volatile long packetMono;

    void packet(long timestampNanos) {
        packetNanos = timestampNanos;
        packetMono = System.nanoTime();
    }

    long now() {
        long at = packetNanos;
        if (at < 0) {
            java.time.Instant wall = java.time.Instant.now();
            return wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
        }
        return at + (System.nanoTime() - packetMono);
    }
}
