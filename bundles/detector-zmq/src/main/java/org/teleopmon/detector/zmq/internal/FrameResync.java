package org.teleopmon.detector.zmq.internal;

/**
 * Finds a frame boundary in a stream joined mid-way or after lost bytes. Teleoperation messages
 * start with a JSON object, so a frame header (short: flags 0/1 and a size; long: flags 2/3 and an
 * 8-byte size) followed by {@code {"} is taken as the start of a message frame.
 */
final class FrameResync {

    private static final int WINDOW = 11;

    private final byte[] window = new byte[WINDOW];
    private final long maxFrameBytes;
    private long seen;
    private int flags;
    private long size;

    FrameResync(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    void reset() {
        seen = 0;
    }

    /** Shifts one byte in; true when the window now ends with a frame header and {@code {"}. */
    boolean offer(byte b) {
        System.arraycopy(window, 1, window, 0, WINDOW - 1);
        window[WINDOW - 1] = b;
        seen++;
        if (window[WINDOW - 2] != '{' || b != '"') {
            return false;
        }
        if (seen >= WINDOW && (window[0] == 2 || window[0] == 3)) {
            long longSize = 0;
            for (int i = 1; i <= 8; i++) {
                longSize = longSize << 8 | window[i] & 0xFF;
            }
            if (longSize > 255 && longSize <= maxFrameBytes) {
                flags = window[0];
                size = longSize;
                return true;
            }
        }
        // After the long form: the tail of a long header (00 01 for 260 bytes) looks like a short one.
        int shortFlags = window[WINDOW - 4];
        int shortSize = window[WINDOW - 3] & 0xFF;
        if (seen >= 4 && (shortFlags == 0 || shortFlags == 1) && shortSize >= 2) {
            flags = shortFlags;
            size = shortSize;
            return true;
        }
        return false;
    }

    /** The flags of the frame found. */
    int flags() {
        return flags;
    }

    /** The size of the frame found; its first two body bytes ({@code {"}) are already consumed. */
    long size() {
        return size;
    }
}
