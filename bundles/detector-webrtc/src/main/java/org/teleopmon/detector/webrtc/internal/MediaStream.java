package org.teleopmon.detector.webrtc.internal;

/**
 * One RTP stream (one SSRC in one direction of a flow): counts, loss, jitter, frames, and enough
 * about its timestamps and payload types to tell video, audio and retransmissions apart.
 */
final class MediaStream {

    private static final int RECENT_TIMESTAMPS = 64;
    private static final int MIRROR_CHECKS = 200;
    /** Consecutive in-order packets before a stream counts as real RTP (RFC 3550 A.1 probation). */
    private static final int PROBATION = 4;

    final long ssrc;
    /** 0: from the flow's lower endpoint, 1: towards it. */
    final int direction;
    final SequenceTracker sequence = new SequenceTracker();
    final RateWindow window;
    private final ClockRate clock = new ClockRate();
    private final Jitter jitter = new Jitter();
    private final long[] recentTimestamps = new long[RECENT_TIMESTAMPS];
    private final int[] payloadTypes = new int[128];
    private int recentIndex;
    private int inOrder;
    private boolean proven;

    final long firstNanos;
    long lastNanos;
    long packets;
    long bytes;
    long frames;
    /** When the first packet of the latest frame arrived, epoch nanoseconds; 0 before the first. */
    long lastFrameNanos;
    long paddingPackets;
    long markers;
    long mirroredPackets;
    private long lastFrameTimestamp = -1;
    private long lastTimestamp = -1;
    private boolean lastMirrored;
    private int dominantPayloadType = -1;

    MediaStream(long ssrc, int direction, long now, long windowNanos, long bucketNanos) {
        this.ssrc = ssrc;
        this.direction = direction;
        this.firstNanos = now;
        this.lastNanos = now;
        this.window = new RateWindow(windowNanos, bucketNanos);
        java.util.Arrays.fill(recentTimestamps, -1);
    }

    /**
     * Takes one packet. {@code mirrored} says whether another stream of the flow had already sent
     * its timestamp; it is asked only when the timestamp changes ({@link #timestampChanges}), and
     * the answer holds for the packets that follow with the same timestamp.
     */
    void packet(long now, byte[] b, int off, int len, Boolean mirrored) {
        lastNanos = now;
        packets++;
        bytes += len;
        int payloadType = Rtp.payloadType(b, off);
        payloadTypes[payloadType]++;
        if (dominantPayloadType < 0 || payloadTypes[payloadType] > payloadTypes[dominantPayloadType]) {
            dominantPayloadType = payloadType;
        }
        paddingPackets += Rtp.padding(b, off) ? 1 : 0;
        markers += Rtp.marker(b, off) ? 1 : 0;
        if (mirrored != null) {
            lastMirrored = mirrored;
        }
        if (packets <= MIRROR_CHECKS && lastMirrored) {
            mirroredPackets++;
        }
        int lostChange = sequence.accept(Rtp.sequence(b, off));
        inOrder = sequence.lastInOrder ? inOrder + 1 : 0;
        proven |= inOrder >= PROBATION;
        long timestamp = Rtp.timestamp(b, off);
        lastTimestamp = timestamp;
        int newFrame = newFrame(timestamp) ? 1 : 0;
        if (newFrame == 1) {
            lastFrameNanos = now;
        }
        clock.sample(now, timestamp);
        jitter.sample(now - firstNanos, clock.unwrap(timestamp), clock.rate());
        window.add(now, 1, len, kind() == StreamKind.RTX ? 0 : newFrame, lostChange);
    }

    private boolean newFrame(long timestamp) {
        if (lastFrameTimestamp >= 0 && (int) (timestamp - lastFrameTimestamp) <= 0) {
            return false;
        }
        lastFrameTimestamp = timestamp;
        recentTimestamps[recentIndex++ & RECENT_TIMESTAMPS - 1] = timestamp;
        frames++;
        return true;
    }

    /** Whether this stream sent a frame with this timestamp recently. */
    boolean sentRecently(long timestamp) {
        for (long recent : recentTimestamps) {
            if (recent == timestamp) {
                return true;
            }
        }
        return false;
    }

    /** Whether a packet with this timestamp should be checked against the other streams. */
    boolean wantsMirrorCheck(long timestamp) {
        return packets < MIRROR_CHECKS && timestamp != lastTimestamp;
    }

    /** Past probation: enough packets in sequence to be RTP rather than look-alike noise. */
    boolean valid() {
        return proven;
    }

    StreamKind kind() {
        long checked = Math.min(packets, MIRROR_CHECKS);
        // Padding probes and retransmissions (old timestamps of another stream) share the RTX SSRC.
        if (packets >= 3 && (Math.min(paddingPackets, checked) + mirroredPackets) * 2 >= checked) {
            return StreamKind.RTX;
        }
        int rate = clock.rate();
        if (rate == ClockRate.VIDEO) {
            return StreamKind.VIDEO;
        }
        return rate > 0 ? StreamKind.AUDIO : StreamKind.UNKNOWN;
    }

    int clockRate() {
        return clock.rate();
    }

    int payloadType() {
        return dominantPayloadType;
    }

    /** Packets with a payload type other than the stream's usual one: RED/FEC wrapping, typically. */
    long otherPayloadTypePackets() {
        return dominantPayloadType < 0 ? 0 : packets - payloadTypes[dominantPayloadType];
    }

    double jitterMillis() {
        return jitter.millis(clock.rate());
    }

    /** Loss over the window, percent of the packets expected in it. */
    double recentLossPercent(long now) {
        long lost = Math.max(0, window.sum(now, RateWindow.LOST));
        long got = window.sum(now, RateWindow.PACKETS);
        return got + lost == 0 ? Double.NaN : 100.0 * lost / (got + lost);
    }

    /** Loss since the stream began, percent. */
    double lossPercent() {
        long expected = sequence.expected();
        return expected == 0 ? Double.NaN : 100.0 * Math.max(0, sequence.lost) / expected;
    }

    double fps(long now) {
        return window.rate(now, RateWindow.FRAMES);
    }

    double bitsPerSecond(long now) {
        return window.rate(now, RateWindow.BYTES) * 8;
    }
}
