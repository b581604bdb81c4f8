package org.teleopmon.detector.webrtc.internal;

/**
 * Splits one direction of a TCP stream carrying WebRTC into the packets a UDP datagram would have
 * carried: RFC 4571 framing (ICE-TCP) or TURN over TCP (STUN and padded ChannelData messages), told
 * apart at the first boundary found (see {@link TcpFramerSync}). Whole frames inside one segment are
 * handed to the sink straight from the segment; only a frame cut by a segment boundary is copied
 * into one reused buffer. A sequence gap drops the partial frame and the framer looks for the next
 * boundary; retransmitted bytes are skipped. Not thread-safe: one instance per flow direction, and a
 * new one when the connection is re-opened (SYN).
 */
final class TcpFramer {

    /** Receives each frame; the bytes are only valid during the call. */
    interface Sink {
        void frame(byte[] buf, int off, int len);
    }

    private static final long SEQ_MASK = 0xFFFFFFFFL;
    /** A segment further back than any TCP window (2^30 with scaling) is a new stream, not a retransmission. */
    private static final long MAX_BACKWARD = 1L << 30;

    private final TcpFramerBuffer buffer;
    private boolean started;
    private long nextSeq;
    private long gaps;

    /** @param maxFrameBytes largest frame (as delivered) accepted; a larger length field is malformed */
    TcpFramer(int maxFrameBytes) {
        if (maxFrameBytes < 20) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 20 (one STUN header): " + maxFrameBytes);
        }
        buffer = new TcpFramerBuffer(Math.min(maxFrameBytes, 20 + 0xFFFF));
    }

    /** One captured segment's payload with its sequence number (unsigned 32-bit). Never throws unless the sink does. */
    void segment(long seq, byte[] buf, int off, int len, Sink sink) {
        if (buf == null || sink == null || len <= 0 || off < 0 || off > buf.length - len) {
            return;
        }
        long s = seq & SEQ_MASK;
        if (!started) {
            started = true;
            nextSeq = s;
        }
        long ahead = (s - nextSeq) & SEQ_MASK;
        if (ahead != 0 && ahead >= (1L << 32) - MAX_BACKWARD) {
            long behind = (1L << 32) - ahead;
            if (behind >= len) {
                return;
            }
            off += (int) behind;
            len -= (int) behind;
            s = nextSeq;
        } else if (ahead != 0) {
            gaps++;
            buffer.drop();
        }
        nextSeq = (s + len) & SEQ_MASK;
        try {
            buffer.feed(buf, off, off + len, sink);
        } catch (RuntimeException e) {
            buffer.drop();
            throw e;
        }
    }

    long frames() {
        return buffer.frames;
    }

    long malformed() {
        return buffer.malformed;
    }

    long resyncs() {
        return buffer.resyncs;
    }

    long gaps() {
        return gaps;
    }
}
