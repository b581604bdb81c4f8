package org.teleopmon.detector.zmq.internal;

/**
 * The decoder's view of one ZMTP message: a bounded prefix of its first frame, the size of every
 * frame, and whether later frames start like JPEG images. Reused for every message; valid only
 * during {@link ZmtpDecoder.Listener#message}.
 */
final class ZmtpMessage {

    private final byte[] head;
    private int headLength;
    private boolean headLost;
    private long firstFrameSize;
    private int frames;
    private long bytes;
    private int jpegFrames;
    private int frameStart;
    private int frameStartLength;
    private boolean resynchronised;

    ZmtpMessage(int peekBytes) {
        this.head = new byte[peekBytes];
    }

    void beginFrame(long size, boolean longForm) {
        if (frames == 0) {
            firstFrameSize = size;
        }
        bytes += size + (longForm ? 9 : 2);
        frameStartLength = 0;
    }

    void append(byte[] data, int offset, int length) {
        if (frames == 0 && !headLost) {
            int n = Math.min(length, head.length - headLength);
            System.arraycopy(data, offset, head, headLength, n);
            headLength += n;
        }
        for (int i = 0; i < length && frameStartLength < 2; i++) {
            frameStart = frameStart << 8 | data[offset + i] & 0xFF;
            frameStartLength++;
        }
    }

    /** Bytes of the current frame were lost: the head stops where the hole begins. */
    void lost() {
        if (frames == 0) {
            headLost = true;
        }
    }

    void endFrame() {
        if (frames > 0 && frameStartLength == 2 && (frameStart & 0xFFFF) == 0xFFD8) {
            jpegFrames++;
        }
        frames++;
    }

    void markResynchronised() {
        resynchronised = true;
    }

    void reset() {
        headLength = 0;
        headLost = false;
        firstFrameSize = 0;
        frames = 0;
        bytes = 0;
        jpegFrames = 0;
        frameStartLength = 0;
        resynchronised = false;
    }

    byte[] head() {
        return head;
    }

    int headLength() {
        return headLength;
    }

    /** Whether {@link #head()} holds the whole first frame. */
    boolean headComplete() {
        return !headLost && headLength == firstFrameSize;
    }

    long firstFrameSize() {
        return firstFrameSize;
    }

    int frames() {
        return frames;
    }

    /** Bytes on the wire: frame bodies and headers. */
    long bytes() {
        return bytes;
    }

    /** Frames after the first that start with the JPEG marker {@code FF D8}. */
    int jpegFrames() {
        return jpegFrames;
    }

    /** Whether the decoder found this message by scanning after losing the frame boundaries. */
    boolean resynchronised() {
        return resynchronised;
    }
}
