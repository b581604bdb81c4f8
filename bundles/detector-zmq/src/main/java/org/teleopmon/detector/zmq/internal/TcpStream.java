package org.teleopmon.detector.zmq.internal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Reassembles one direction of a TCP connection from captured segments and feeds the bytes, in
 * order and once, to a {@link ZmtpDecoder}. Retransmitted and overlapping bytes are trimmed,
 * segments that arrive early wait (bounded in count, bytes and time), and bytes that never come
 * are reported to the decoder as a gap.
 */
final class TcpStream {

    private static final long MOD = 1L << 32;
    /** A jump this far ahead is a lost stretch, not reordering. */
    private static final long MAX_JUMP = 1L << 24;

    private final ZmtpDecoder decoder;
    private final int maxPendingSegments;
    private final int maxPendingBytes;
    private final long reorderNanos;
    private final ArrayDeque<Segment> pending = new ArrayDeque<>();
    private int pendingBytes;
    private long next = -1;
    private long bytes;
    private long gapBytes;
    private long retransmitted;

    TcpStream(ZmtpDecoder decoder, int maxPendingSegments, int maxPendingBytes, long reorderNanos) {
        this.decoder = decoder;
        this.maxPendingSegments = maxPendingSegments;
        this.maxPendingBytes = maxPendingBytes;
        this.reorderNanos = reorderNanos;
    }

    /**
     * One captured segment. {@code missingTail} is how many payload bytes the snap length cut off.
     */
    void segment(long nanos, long seq, boolean syn, byte[] data, int offset, int length, int missingTail) {
        if (syn) {
            next = (seq + 1) % MOD;
            pending.clear();
            pendingBytes = 0;
            decoder.startOfStream();
        }
        if (length + missingTail == 0) {
            return;
        }
        if (next < 0) {
            next = seq;
            decoder.midStream();
        }
        long ahead = distance(seq);
        if (ahead > 0 && ahead < MAX_JUMP) {
            hold(nanos, seq, data, offset, length, missingTail);
            return;
        }
        if (ahead >= MAX_JUMP) {
            skipTo(seq);
        }
        deliver(seq, data, offset, length, missingTail);
        drain();
    }

    /** The stream ended: waiting segments are flushed past their gaps, then the decoder is told. */
    void end() {
        while (!pending.isEmpty()) {
            Segment first = pending.pollFirst();
            pendingBytes -= first.data.length;
            skipTo(first.seq);
            deliver(first.seq, first.data, 0, first.data.length, first.missingTail);
        }
        decoder.end();
    }

    long bytes() {
        return bytes;
    }

    long gapBytes() {
        return gapBytes;
    }

    long retransmitted() {
        return retransmitted;
    }

    /** Signed distance of {@code seq} ahead of the next expected byte, modulo 2^32. */
    private long distance(long seq) {
        return (int) ((seq - next) & 0xFFFFFFFFL);
    }

    private void deliver(long seq, byte[] data, int offset, int length, int missingTail) {
        long overlap = -distance(seq);
        if (overlap >= length + missingTail) {
            retransmitted++;
            return;
        }
        if (overlap > 0) {
            retransmitted++;
        }
        int skip = (int) Math.max(0, overlap);
        int fresh = Math.max(0, length - skip);
        if (fresh > 0) {
            decoder.feed(data, offset + skip, fresh);
            bytes += fresh;
        }
        int lostTail = (int) Math.min(missingTail, length + missingTail - Math.max(skip, length));
        if (lostTail > 0) {
            decoder.gap(lostTail);
            gapBytes += lostTail;
        }
        next = (next + fresh + lostTail) % MOD;
    }

    private void skipTo(long seq) {
        long missing = distance(seq);
        if (missing > 0) {
            decoder.gap(missing);
            gapBytes += missing;
            next = seq;
        }
    }

    private void hold(long nanos, long seq, byte[] data, int offset, int length, int missingTail) {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        Segment segment = new Segment(nanos, seq, copy, missingTail);
        Iterator<Segment> it = pending.descendingIterator();
        int index = pending.size();
        while (it.hasNext() && (int) ((it.next().seq - seq) & 0xFFFFFFFFL) > 0) {
            index--;
        }
        insert(index, segment);
        pendingBytes += length;
        Segment oldest = pending.peekFirst();
        if (pending.size() > maxPendingSegments || pendingBytes > maxPendingBytes
                || nanos - oldest.nanos > reorderNanos) {
            Segment first = pending.pollFirst();
            pendingBytes -= first.data.length;
            skipTo(first.seq);
            deliver(first.seq, first.data, 0, first.data.length, first.missingTail);
            drain();
        }
    }

    private void insert(int index, Segment segment) {
        if (index == pending.size()) {
            pending.addLast(segment);
            return;
        }
        ArrayDeque<Segment> tail = new ArrayDeque<>();
        while (pending.size() > index) {
            tail.addFirst(pending.pollLast());
        }
        pending.addLast(segment);
        pending.addAll(tail);
    }

    private void drain() {
        while (!pending.isEmpty() && distance(pending.peekFirst().seq) <= 0) {
            Segment first = pending.pollFirst();
            pendingBytes -= first.data.length;
            deliver(first.seq, first.data, 0, first.data.length, first.missingTail);
        }
    }

    private record Segment(long nanos, long seq, byte[] data, int missingTail) {
    }
}
