package org.teleopmon.detector.zmq.internal;

import java.util.Map;

/**
 * Incremental ZMTP 3.x decoder for one direction of one TCP connection. Takes the byte stream in
 * pieces of any size, never throws on bad input, and keeps at most a bounded prefix of each frame:
 * the rest of a body is counted and skipped, so a frame claiming 2^63 bytes costs nothing.
 * Anything that breaks the framing is reported once as malformed and followed by a resync.
 */
final class ZmtpDecoder {

    /** Receives what the decoder recognises. */
    interface Listener {

        void greeting(int major, int minor, String mechanism);

        void command(String name, Map<String, String> properties);

        /** A complete message; the view is reused after the call returns. */
        void message(ZmtpMessage message);

        void malformed(String reason);
    }

    static final int GREETING_LENGTH = 64;
    static final int MORE = 1;
    static final int LONG = 2;
    static final int COMMAND = 4;

    private static final byte[] OPEN_OBJECT = {'{', '"'};

    private enum State { GREETING, FLAGS, SIZE, BODY, RESYNC }

    private final Listener listener;
    private final long maxFrameBytes;
    private final ZmtpMessage message;
    private final FrameResync resync;
    private final byte[] greeting = new byte[GREETING_LENGTH];
    private final CommandBody command = new CommandBody();
    private State state = State.RESYNC;
    private int filled;
    private int flags;
    private long size;
    private long remaining;
    private long resyncs;

    ZmtpDecoder(Listener listener, int peekBytes, long maxFrameBytes) {
        this.listener = listener;
        this.maxFrameBytes = maxFrameBytes;
        this.message = new ZmtpMessage(peekBytes);
        this.resync = new FrameResync(maxFrameBytes);
    }

    /** The stream is seen from its first byte: a greeting must come first. */
    void startOfStream() {
        state = State.GREETING;
        filled = 0;
    }

    /** The stream was joined mid-way: look for a frame boundary. */
    void midStream() {
        enterResync();
    }

    void feed(byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            switch (state) {
                case GREETING -> i = greeting(data, i, end);
                case FLAGS -> flags(data[i++]);
                case SIZE -> size(data[i++]);
                case BODY -> i = body(data, i, end);
                default -> {
                    if (resync.offer(data[i++])) {
                        resynchronised();
                    }
                }
            }
        }
    }

    /** {@code bytes} of the stream will never be seen (capture drop, snap length, reassembly gap). */
    void gap(long bytes) {
        if (bytes <= 0) {
            return;
        }
        if (state == State.BODY && bytes <= remaining) {
            remaining -= bytes;
            if ((flags & COMMAND) == 0) {
                message.lost();
            }
            if (remaining == 0) {
                endFrame();
            }
        } else if (state != State.RESYNC) {
            enterResync();
        }
    }

    /** The stream ended (FIN or RST). */
    void end() {
        if (state == State.GREETING && filled > 0) {
            listener.malformed("truncated greeting: " + filled + " of " + GREETING_LENGTH + " bytes");
        } else if ((state == State.SIZE || state == State.BODY) && !message.resynchronised()) {
            listener.malformed("stream ended inside a frame, " + remaining + " bytes short");
        }
        enterResync();
    }

    long resyncs() {
        return resyncs;
    }

    private int greeting(byte[] data, int i, int end) {
        int n = Math.min(end - i, GREETING_LENGTH - filled);
        System.arraycopy(data, i, greeting, filled, n);
        int before = filled;
        filled += n;
        String problem = Greeting.problem(greeting, before, filled);
        if (problem != null) {
            malformed(problem);
            return i + n;
        }
        if (filled == GREETING_LENGTH) {
            listener.greeting(greeting[10], greeting[11], Greeting.mechanism(greeting));
            state = State.FLAGS;
        }
        return i + n;
    }

    private void flags(byte b) {
        if ((b & 0xF8) != 0) {
            malformed(String.format("reserved frame flag bits set: 0x%02x", b & 0xFF));
            return;
        }
        if ((b & COMMAND) != 0 && message.frames() > 0) {
            malformed("command frame inside a multipart message");
            return;
        }
        flags = b;
        size = 0;
        filled = 0;
        state = State.SIZE;
    }

    private void size(byte b) {
        size = size << 8 | b & 0xFF;
        filled++;
        if (filled < ((flags & LONG) != 0 ? 8 : 1)) {
            return;
        }
        if (size < 0 || size > maxFrameBytes) {
            malformed("frame claims " + Long.toUnsignedString(size) + " bytes, limit " + maxFrameBytes);
            return;
        }
        beginFrame(size);
    }

    private void beginFrame(long frameSize) {
        remaining = frameSize;
        if ((flags & COMMAND) != 0) {
            command.reset();
        } else {
            message.beginFrame(frameSize, (flags & LONG) != 0);
        }
        state = State.BODY;
        if (remaining == 0) {
            endFrame();
        }
    }

    private int body(byte[] data, int i, int end) {
        int n = (int) Math.min(remaining, end - i);
        if ((flags & COMMAND) != 0) {
            command.append(data, i, n);
        } else {
            message.append(data, i, n);
        }
        remaining -= n;
        if (remaining == 0) {
            endFrame();
        }
        return i + n;
    }

    private void endFrame() {
        state = State.FLAGS;
        if ((flags & COMMAND) != 0) {
            if ((flags & MORE) != 0) {
                malformed("command frame with the MORE flag");
                return;
            }
            String problem = command.parse();
            if (problem != null) {
                malformed(problem);
            } else {
                listener.command(command.name(), command.properties());
            }
            return;
        }
        message.endFrame();
        if ((flags & MORE) == 0) {
            listener.message(message);
            message.reset();
        }
    }

    private void resynchronised() {
        resyncs++;
        flags = resync.flags();
        message.reset();
        message.markResynchronised();
        message.beginFrame(resync.size(), (flags & LONG) != 0);
        message.append(OPEN_OBJECT, 0, 2);
        remaining = resync.size() - 2;
        state = State.BODY;
        if (remaining == 0) {
            endFrame();
        }
    }

    private void malformed(String reason) {
        // A frame found by scanning may be a false match: its failure is not the peer's fault.
        if (!message.resynchronised()) {
            listener.malformed(reason);
        }
        enterResync();
    }

    private void enterResync() {
        message.reset();
        resync.reset();
        state = State.RESYNC;
    }
}
