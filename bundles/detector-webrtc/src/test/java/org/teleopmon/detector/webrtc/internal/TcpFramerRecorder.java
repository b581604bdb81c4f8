package org.teleopmon.detector.webrtc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds a framer and keeps copies of the frames it delivers. */
final class TcpFramerRecorder implements TcpFramer.Sink {

    final TcpFramer framer;
    final List<byte[]> frames = new ArrayList<>();
    private long seq;

    TcpFramerRecorder(int max, long firstSeq) {
        framer = new TcpFramer(max);
        seq = firstSeq;
    }

    @Override
    public void frame(byte[] buf, int off, int len) {
        frames.add(Arrays.copyOfRange(buf, off, off + len));
    }

    /** The next {@code len} bytes of the stream, in order. */
    TcpFramerRecorder send(byte[] stream, int off, int len) {
        framer.segment(seq, stream, off, len, this);
        seq = (seq + len) & 0xFFFFFFFFL;
        return this;
    }

    /** Bytes the capture missed: the stream moves on without them. */
    TcpFramerRecorder skip(int len) {
        seq = (seq + len) & 0xFFFFFFFFL;
        return this;
    }

    TcpFramerRecorder at(long newSeq, byte[] stream, int off, int len) {
        framer.segment(newSeq, stream, off, len, this);
        return this;
    }

    long seq() {
        return seq;
    }
}
