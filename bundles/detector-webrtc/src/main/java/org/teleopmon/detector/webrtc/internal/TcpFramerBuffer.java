package org.teleopmon.detector.webrtc.internal;

import static org.teleopmon.detector.webrtc.internal.TcpFramerRules.BAD;

/**
 * The in-order byte stream of a {@link TcpFramer}: frames are parsed straight from each segment
 * while aligned; a frame cut by a segment boundary, or bytes being searched for a boundary, wait
 * in one buffer, allocated once, of the size {@link TcpFramerSync#window} needs.
 */
final class TcpFramerBuffer {

    private final int max;
    private final byte[] pending;
    private int start;
    private int end;
    /** 0 while searching for a boundary, else the framing in use. */
    private int mode;
    /** Bytes were skipped or lost since the stream began: the next boundary found is a resync. */
    private boolean lost;
    long frames;
    long malformed;
    long resyncs;

    TcpFramerBuffer(int max) {
        this.max = max;
        this.pending = new byte[TcpFramerSync.window(max)];
    }

    /** A gap: whatever was pending can no longer be completed. */
    void drop() {
        start = 0;
        end = 0;
        mode = 0;
        lost = true;
    }

    void feed(byte[] a, int off, int stop, TcpFramer.Sink sink) {
        while (off < stop) {
            if (mode != 0 && start == end) {
                off = direct(a, off, stop, sink);
                continue;
            }
            int n = Math.min(stop - off, wanted());
            if (end + n > pending.length) {
                System.arraycopy(pending, start, pending, 0, end - start);
                end -= start;
                start = 0;
            }
            System.arraycopy(a, off, pending, end, n);
            end += n;
            off += n;
            drain(sink);
        }
    }

    /** Parses aligned frames in place; returns where it stopped (the rest is buffered or searched). */
    private int direct(byte[] a, int p, int stop, TcpFramer.Sink sink) {
        while (p < stop) {
            int size = TcpFramerRules.wireSize(mode, a, p, stop, max);
            if (size == BAD) {
                lose();
                return p + 1;
            }
            if (size < 0 || p + size > stop) {
                System.arraycopy(a, p, pending, 0, stop - p);
                start = 0;
                end = stop - p;
                return stop;
            }
            deliver(a, p, sink);
            p += size;
        }
        return p;
    }

    /** How many more bytes to buffer: up to the end of the current frame when aligned, else what fits. */
    private int wanted() {
        if (mode == 0) {
            return pending.length - (end - start);
        }
        int size = TcpFramerRules.wireSize(mode, pending, start, end, max);
        return size > 0 ? size - (end - start) : 1;
    }

    private void drain(TcpFramer.Sink sink) {
        while (start < end) {
            if (mode == 0 && !search()) {
                return;
            }
            int size = TcpFramerRules.wireSize(mode, pending, start, end, max);
            if (size == BAD) {
                lose();
                start++;
            } else if (size > 0 && start + size <= end) {
                deliver(pending, start, sink);
                start += size;
            } else {
                return;
            }
        }
        start = 0;
        end = 0;
    }

    private boolean search() {
        int found = TcpFramerSync.find(pending, start, end, max);
        int at = found >>> 2;
        if (at > start) {
            lost = true;
        }
        start = at;
        mode = found & 3;
        if (mode == 0 && start == 0 && end == pending.length) {
            start = 1;
            lost = true;
        }
        if (mode != 0 && lost) {
            resyncs++;
        }
        return mode != 0;
    }

    private void lose() {
        malformed++;
        mode = 0;
        lost = true;
    }

    private void deliver(byte[] a, int p, TcpFramer.Sink sink) {
        frames++;
        sink.frame(a, p + TcpFramerRules.payloadOffset(mode), TcpFramerRules.payloadLength(mode, a, p));
    }
}
