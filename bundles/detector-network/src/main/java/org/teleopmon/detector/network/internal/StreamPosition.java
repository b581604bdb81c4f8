package org.teleopmon.detector.network.internal;

/**
 * Where one direction of a captured TCP connection stands: the next sequence number expected. Tells a
 * segment's new bytes from retransmitted ones and notices lost bytes (a gap), after which a decoder has
 * to find its framing again. Sequence numbers wrap at 2^32. No reassembly: the decoders here only need
 * message boundaries, which the senders (TCP_NODELAY, one message per write) keep at segment starts.
 */
final class StreamPosition {

    private long next = -1;
    private boolean gap;
    private boolean lost;
    long gaps;

    void reset() {
        next = -1;
        gap = false;
        lost = false;
        gaps = 0;
    }

    /** The bytes of the segment last accepted were not all captured: the next segment follows a gap. */
    void lost() {
        lost = true;
    }

    /** A SYN with this sequence number: the stream starts at the next one. */
    void syn(long seq) {
        next = seq + 1 & 0xFFFF_FFFFL;
        gap = false;
    }

    /**
     * How many leading bytes of a segment of {@code length} bytes at {@code seq} were seen before, or -1 when
     * the whole segment was. {@link #gap()} then tells whether bytes before it were lost (or the stream was
     * joined in the middle).
     */
    int accept(long seq, int length) {
        int seen = position(seq, length);
        if (seen >= 0 && lost) {
            gap = true;
            lost = false;
        }
        return seen;
    }

    private int position(long seq, int length) {
        if (next < 0) {
            next = seq + length & 0xFFFF_FFFFL;
            gap = true;
            return 0;
        }
        int ahead = (int) (seq - next);
        if (ahead == 0) {
            next = next + length & 0xFFFF_FFFFL;
            gap = false;
            return 0;
        }
        if (ahead > 0) {
            gaps++;
            next = seq + length & 0xFFFF_FFFFL;
            gap = true;
            return 0;
        }
        int seen = -ahead;
        if (seen >= length) {
            return -1;
        }
        next = seq + length & 0xFFFF_FFFFL;
        gap = false;
        return seen;
    }

    /** Whether the segment last accepted followed lost bytes or started a joined stream. */
    boolean gap() {
        return gap;
    }
}
