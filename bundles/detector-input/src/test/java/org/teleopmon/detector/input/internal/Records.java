package org.teleopmon.detector.input.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds {@code struct input_event} records as the kernel writes them, for a given C long size. */
final class Records {

    private final int longSize;
    private final ByteBuffer buffer;

    Records(int longSize, int capacity) {
        this.longSize = longSize;
        this.buffer = ByteBuffer.allocate(capacity * (2 * longSize + 8)).order(ByteOrder.nativeOrder());
    }

    Records add(int type, int code, int value) {
        return add(1_700_000_000L, 123_456, type, code, value);
    }

    Records add(long seconds, long micros, int type, int code, int value) {
        if (longSize == 8) {
            buffer.putLong(seconds).putLong(micros);
        } else {
            buffer.putInt((int) seconds).putInt((int) micros);
        }
        buffer.putShort((short) type).putShort((short) code).putInt(value);
        return this;
    }

    Records syn() {
        return add(Codes.EV_SYN, Codes.SYN_REPORT, 0);
    }

    byte[] bytes() {
        byte[] bytes = new byte[buffer.position()];
        buffer.duplicate().flip().get(bytes);
        return bytes;
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes()).order(ByteOrder.nativeOrder());
    }
}
