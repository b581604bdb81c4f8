package org.teleopmon.detector.input.internal;

import java.nio.ByteBuffer;

/**
 * Decodes {@code struct input_event} records from a device node, without allocating. The record is
 * two C {@code long}s of timestamp, then type, code and value: 24 bytes for a 64-bit JVM, 16 for a
 * 32-bit one (the kernel writes the layout of the reading process). Keyboard key codes go through
 * {@link TeleopKeys} here and nowhere else; every other kind of event a pad does not need (scan
 * codes, LEDs, relative motion) is dropped unread.
 */
final class EventDecoder {

    private final int recordSize;
    private final int typeOffset;
    private final boolean wideTime;

    /** @param longSize the JVM's C {@code long} size: 8 or 4 (JNA's {@code Native.LONG_SIZE}) */
    EventDecoder(int longSize) {
        if (longSize != 4 && longSize != 8) {
            throw new IllegalArgumentException("C long size must be 4 or 8, was " + longSize);
        }
        this.recordSize = 2 * longSize + 8;
        this.typeOffset = 2 * longSize;
        this.wideTime = longSize == 8;
    }

    int recordSize() {
        return recordSize;
    }

    /**
     * Decodes the whole records in {@code buffer[offset, offset + length)} (native byte order) into
     * {@code sink}; returns the bytes consumed, a multiple of the record size.
     */
    int decode(ByteBuffer buffer, int offset, int length, TeleopKeys keys, ControlSink sink) {
        int end = offset + length - recordSize;
        int at = offset;
        for (; at <= end; at += recordSize) {
            long micros = wideTime ? buffer.getLong(at + 8) : buffer.getInt(at + 4) & 0xffffffffL;
            int type = buffer.getShort(at + typeOffset) & 0xffff;
            int code = buffer.getShort(at + typeOffset + 2) & 0xffff;
            int value = buffer.getInt(at + typeOffset + 4);
            if (micros >= 1_000_000L) {
                sink.malformed();
                continue;
            }
            switch (type) {
                case Codes.EV_SYN -> syn(code, sink);
                case Codes.EV_KEY -> key(code, value, keys, sink);
                case Codes.EV_ABS -> {
                    if (code <= Codes.ABS_MAX) {
                        sink.axis(code, value);
                    } else {
                        sink.malformed();
                    }
                }
                default -> {
                    if (type > Codes.EV_MAX) {
                        sink.malformed();
                    }
                }
            }
        }
        return at - offset;
    }

    private static void syn(int code, ControlSink sink) {
        if (code == Codes.SYN_REPORT) {
            sink.report();
        } else if (code == Codes.SYN_DROPPED) {
            sink.dropped();
        } else if (code > Codes.SYN_MAX) {
            sink.malformed();
        }
    }

    private static void key(int code, int value, TeleopKeys keys, ControlSink sink) {
        if (code > Codes.KEY_MAX || value < 0 || value > 2) {
            sink.malformed();
        } else if (Codes.isButton(code)) {
            if (value != 2) {
                sink.button(code, value);
            }
        } else {
            int keyClass = keys.classOf(code);
            if (keyClass != TeleopKeys.OTHER) {
                sink.teleopKey(keyClass, value);
            }
        }
    }
}
