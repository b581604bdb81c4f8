package org.teleopmon.detector.input.internal;

import java.nio.ByteBuffer;

/**
 * Decodes the legacy joystick interface's 8-byte {@code struct js_event} ({@code u32 time; s16
 * value; u8 type; u8 number}) from {@code /dev/input/jsN}, which udev often leaves readable to every
 * user when the event node is not. The synthetic events the kernel sends on open (type | 0x80) set
 * the initial state without counting as activity. joydev has no SYN_REPORT: each event is a group.
 */
final class JsDecoder {

    static final int RECORD_SIZE = 8;
    private static final int BUTTON = 0x01;
    private static final int AXIS = 0x02;
    private static final int INIT = 0x80;

    /** Decodes whole records; returns the bytes consumed. */
    int decode(ByteBuffer buffer, int offset, int length, JsSink sink) {
        int end = offset + length - RECORD_SIZE;
        int at = offset;
        for (; at <= end; at += RECORD_SIZE) {
            int value = buffer.getShort(at + 4);
            int type = buffer.get(at + 6) & 0xff;
            int number = buffer.get(at + 7) & 0xff;
            boolean init = (type & INIT) != 0;
            switch (type & ~INIT) {
                case AXIS -> sink.jsAxis(number, value, init);
                case BUTTON -> {
                    if (value == 0 || value == 1) {
                        sink.jsButton(number, value, init);
                    } else {
                        sink.malformed();
                    }
                }
                default -> sink.malformed();
            }
        }
        return at - offset;
    }

    /** What a joystick node reports. */
    interface JsSink {

        void jsAxis(int number, int value, boolean init);

        void jsButton(int number, int value, boolean init);

        void malformed();
    }
}
