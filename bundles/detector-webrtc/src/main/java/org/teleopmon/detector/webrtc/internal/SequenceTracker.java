package org.teleopmon.detector.webrtc.internal;

/**
 * Sequence-number bookkeeping for one RTP stream, after RFC 3550 appendix A.1: extends the 16-bit
 * number across wrap-arounds, counts gaps as lost, takes a late (reordered) packet back out of the
 * lost count, and tells duplicates apart by remembering the last {@value #WINDOW} numbers.
 */
final class SequenceTracker {

    static final int WINDOW = 512;
    private static final int MAX_DROPOUT = 3000;

    private final long[] seen = new long[WINDOW];
    private long highest = -1;
    private long first;
    private int badSequence = -1;
    /** Packets expected before the last restart: lost and received run on across restarts. */
    private long expectedBefore;

    long received;
    long lost;
    long duplicates;
    long reordered;
    long tooLate;
    long resets;
    /** Whether the last packet was the next one after the highest so far. */
    boolean lastInOrder;

    /**
     * Takes one packet's sequence number. Returns the change to the lost count it caused: the gap
     * before it, -1 for a late packet that had been counted lost, 0 otherwise.
     */
    int accept(int sequence) {
        lastInOrder = false;
        if (highest < 0) {
            restart(sequence);
            return 0;
        }
        int delta = (short) (sequence - (int) (highest & 0xFFFF));
        if (delta > 0 && delta <= MAX_DROPOUT) {
            return advance(highest + delta, delta - 1);
        }
        if (delta <= 0 && delta > -WINDOW) {
            return behind(highest + delta);
        }
        if (sequence == badSequence) {
            resets++;
            expectedBefore = expected();
            restart(sequence);
            return 0;
        }
        badSequence = sequence + 1 & 0xFFFF;
        tooLate++;
        return 0;
    }

    /** Packets the stream should have carried so far. */
    long expected() {
        return highest < 0 ? 0 : expectedBefore + highest - first + 1;
    }

    private void restart(int sequence) {
        first = highest = sequence;
        badSequence = -1;
        java.util.Arrays.fill(seen, -1);
        mark(highest);
        received++;
    }

    private int advance(long extended, int gap) {
        highest = extended;
        badSequence = -1;
        mark(extended);
        received++;
        lost += gap;
        lastInOrder = gap == 0;
        return gap;
    }

    private int behind(long extended) {
        if (extended < first || seen[(int) (extended & WINDOW - 1)] == extended) {
            duplicates += extended < first ? 0 : 1;
            tooLate += extended < first ? 1 : 0;
            return 0;
        }
        mark(extended);
        received++;
        reordered++;
        lost--;
        return -1;
    }

    private void mark(long extended) {
        seen[(int) (extended & WINDOW - 1)] = extended;
    }
}
