package org.teleopmon.detector.webrtc.internal;

import static org.teleopmon.detector.webrtc.internal.TcpFramerRules.BAD;
import static org.teleopmon.detector.webrtc.internal.TcpFramerRules.NEED_MORE;
import static org.teleopmon.detector.webrtc.internal.TcpFramerRules.RFC4571;
import static org.teleopmon.detector.webrtc.internal.TcpFramerRules.TURN;

/**
 * Finds a frame boundary in bytes of unknown alignment: the start of a stream, a mid-stream join,
 * or what follows a gap or a malformed frame. A STUN message (magic cookie at offset 4 for TURN,
 * 6 for RFC 4571) is enough on its own; any other frame must be followed by two more plausible
 * frames of the same framing (or by a STUN message): with a 1500-byte limit, a plausible length
 * and type byte turn up about once per 100 positions of encrypted payload, three in a chain about
 * once per million. A decision is only taken once the bytes it depends on are present, so the result does
 * not depend on how the stream was cut into segments.
 */
final class TcpFramerSync {

    /** Bytes a decision at one position may need: two frames with padding, and a third frame's header. */
    static int window(int max) {
        return 2 * (max + 3) + 16;
    }

    private static final int REJECT = -1;
    private static final int UNDECIDED = 0;

    private TcpFramerSync() {
    }

    /**
     * Scans {@code a[from, end)}; returns {@code position << 2 | framing}, where framing is
     * {@link TcpFramerRules#RFC4571} or {@link TcpFramerRules#TURN} for a boundary found at position,
     * or 0 when the position needs more bytes before it can be decided ({@code end} when every
     * position was rejected).
     */
    static int find(byte[] a, int from, int end, int max) {
        for (int p = from; p < end; p++) {
            int framing = candidate(TURN, a, p, end, max);
            if (framing == REJECT) {
                framing = candidate(RFC4571, a, p, end, max);
            }
            if (framing != REJECT) {
                return p << 2 | framing;
            }
        }
        return end << 2;
    }

    private static int candidate(int mode, byte[] a, int p, int end, int max) {
        int size = TcpFramerRules.wireSize(mode, a, p, end, max);
        if (size == BAD) {
            return REJECT;
        }
        if (size == NEED_MORE) {
            return UNDECIDED;
        }
        if (TcpFramerRules.isStun(mode, a, p)) {
            return mode;
        }
        int next = TcpFramerRules.wireSize(mode, a, p + size, end, max);
        if (next < 0 || TcpFramerRules.isStun(mode, a, p + size)) {
            return next == BAD ? REJECT : next == NEED_MORE ? UNDECIDED : mode;
        }
        int third = TcpFramerRules.wireSize(mode, a, p + size + next, end, max);
        return third == BAD ? REJECT : third == NEED_MORE ? UNDECIDED : mode;
    }
}
