package org.teleopmon.detector.network.internal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses one direction of a WebSocket connection (RFC 6455 §5): frame headers cut anywhere by segment
 * boundaries, masked client frames, fragmented messages with control frames between the fragments, and
 * permessage-deflate messages (RFC 7692, as browsers negotiate it), which are inflated through the whole
 * message so the shared window stays right. Of each message it keeps the first {@value #PEEK} bytes of its
 * (unmasked, inflated) payload, and hands them to the {@link Sink} when the message ends.
 *
 * <p>After lost bytes the framing is found again only at a segment starting with a plausible frame
 * header; a compressed stream with context takeover cannot be inflated after a loss, so its later
 * compressed messages are reported as undecodable. Allocation happens only when deflate is first used
 * (the inflater and two small buffers, kept for the connection's lifetime).
 */
final class WebSocketFrames {

    static final int PEEK = 96;
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    private static final long MAX_FRAME = 64L << 20;
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /** Receives each complete message and each control frame. */
    interface Sink {
        /** {@code peek} holds the payload's first {@code peekLength} bytes; {@code decoded} false when they are not readable. */
        void message(boolean fromClient, int opcode, byte[] peek, int peekLength, boolean decoded, long now);

        void control(boolean fromClient, int opcode, long now);
    }

    private final boolean fromClient;
    private final byte[] head = new byte[14];
    private final byte[] mask = new byte[4];
    private final byte[] peek = new byte[PEEK];
    private int have;
    private int need = 2;
    private long left;
    private int maskAt;
    private int opcode;
    private boolean fin;
    private boolean masked;
    private boolean synced;
    private boolean inMessage;
    private int messageOpcode;
    private boolean compressed;
    private int peekHave;
    private boolean deflate;
    private boolean resetEachMessage;
    private boolean inflateBroken;
    private Inflater inflater;
    private byte[] chunk;
    private byte[] discard;
    long frames;
    long malformed;

    WebSocketFrames(boolean fromClient) {
        this.fromClient = fromClient;
    }

    void reset() {
        have = 0;
        need = 2;
        left = 0;
        synced = false;
        inMessage = false;
        deflate = false;
        resetEachMessage = false;
        inflateBroken = false;
        frames = malformed = 0;
        if (inflater != null) {
            inflater.reset();
        }
    }

    /** The upgrade negotiated permessage-deflate; {@code noContextTakeover} for this direction's sender. */
    void deflate(boolean noContextTakeover) {
        deflate = true;
        resetEachMessage = noContextTakeover;
        if (inflater == null) {
            inflater = new Inflater(true);
            chunk = new byte[2048];
            discard = new byte[1024];
        }
        inflater.reset();
    }

    /** The frames start at a known boundary (right after the upgrade). */
    void start() {
        synced = true;
        have = 0;
        need = 2;
    }

    boolean synced() {
        return synced;
    }

    void feed(byte[] b, int offset, int length, boolean gap, long now, Sink sink) {
        if (gap) {
            synced = false;
            inMessage = false;
            inflateBroken |= deflate && !resetEachMessage;
        }
        if (!synced) {
            if (!plausibleStart(b, offset, length)) {
                return;
            }
            synced = true;
            have = 0;
            need = 2;
            left = 0;
        }
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (left == 0) {
                head[have++] = b[i++];
                if (have == 2) {
                    int len7 = head[1] & 0x7F;
                    need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((head[1] & 0x80) != 0 ? 4 : 0);
                }
                if (have == need && !beginFrame(now, sink)) {
                    return;
                }
                continue;
            }
            int n = (int) Math.min(left, end - i);
            if (opcode < CLOSE) {
                payload(b, i, n);
            }
            maskAt += n;
            left -= n;
            i += n;
            if (left == 0) {
                endFrame(now, sink);
            }
        }
    }

    /** Reads a complete header; false when it is not plausible (framing lost). */
    private boolean beginFrame(long now, Sink sink) {
        fin = (head[0] & 0x80) != 0;
        boolean rsv1 = (head[0] & 0x40) != 0;
        opcode = head[0] & 0x0F;
        masked = (head[1] & 0x80) != 0;
        int len7 = head[1] & 0x7F;
        long length = len7 < 126 ? len7 : len7 == 126 ? (head[2] & 0xFF) << 8 | head[3] & 0xFF : be64(head, 2);
        int maskOffset = need - 4;
        boolean control = opcode >= CLOSE;
        boolean valid = (head[0] & 0x30) == 0 && masked == fromClient && length >= 0 && length <= MAX_FRAME
                && (opcode <= BINARY || control && opcode <= 10 && fin && length <= 125)
                && (!rsv1 || deflate && (opcode == TEXT || opcode == BINARY))
                && (opcode != 0 || inMessage) && (opcode == 0 || control || !inMessage);
        if (!valid) {
            malformed++;
            synced = false;
            inMessage = false;
            return false;
        }
        if (masked) {
            System.arraycopy(head, maskOffset, mask, 0, 4);
        }
        have = 0;
        need = 2;
        left = length;
        maskAt = 0;
        frames++;
        if (opcode == TEXT || opcode == BINARY) {
            inMessage = true;
            messageOpcode = opcode;
            compressed = rsv1;
            peekHave = 0;
        }
        if (left == 0) {
            endFrame(now, sink);
        }
        return true;
    }

    private void payload(byte[] b, int offset, int n) {
        if (!compressed) {
            int take = Math.min(n, PEEK - peekHave);
            for (int k = 0; k < take; k++) {
                peek[peekHave++] = (byte) (masked ? b[offset + k] ^ mask[maskAt + k & 3] : b[offset + k]);
            }
            return;
        }
        if (inflateBroken) {
            return;
        }
        for (int done = 0; done < n;) {
            int k = Math.min(chunk.length, n - done);
            for (int j = 0; j < k; j++) {
                chunk[j] = (byte) (masked ? b[offset + done + j] ^ mask[maskAt + done + j & 3] : b[offset + done + j]);
            }
            inflate(chunk, k);
            done += k;
        }
    }

    private void inflate(byte[] input, int length) {
        inflater.setInput(input, 0, length);
        try {
            while (!inflater.needsInput()) {
                int out = peekHave < PEEK ? inflater.inflate(peek, peekHave, PEEK - peekHave)
                        : inflater.inflate(discard);
                if (peekHave < PEEK) {
                    peekHave += out;
                }
                if (out == 0 && (inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            malformed++;
            inflateBroken = true;
        }
    }

    private void endFrame(long now, Sink sink) {
        if (opcode >= CLOSE) {
            sink.control(fromClient, opcode, now);
            return;
        }
        if (!fin) {
            return;
        }
        boolean decoded = true;
        if (compressed) {
            if (!inflateBroken) {
                inflate(TAIL, TAIL.length);
            }
            decoded = !inflateBroken;
            if (resetEachMessage) {
                inflater.reset();
                inflateBroken = false;
            }
        }
        inMessage = false;
        sink.message(fromClient, messageOpcode, peek, decoded ? peekHave : 0, decoded, now);
    }

    /** A frame header that could start this segment: known opcode, no reserved bits but RSV1, the right mask bit. */
    private boolean plausibleStart(byte[] b, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int op = b[offset] & 0x0F;
        boolean reservedClear = (b[offset] & 0x30) == 0;
        boolean rsv1Ok = (b[offset] & 0x40) == 0 || deflate;
        boolean maskOk = ((b[offset + 1] & 0x80) != 0) == fromClient;
        boolean opOk = op == TEXT || op == BINARY || op >= CLOSE && op <= 10 && (b[offset] & 0x80) != 0;
        return reservedClear && rsv1Ok && maskOk && opOk;
    }

    private static long be64(byte[] b, int offset) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | b[offset + k] & 0xFF;
        }
        return v;
    }
}
