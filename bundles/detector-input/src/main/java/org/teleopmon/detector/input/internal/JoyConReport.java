package org.teleopmon.detector.input.internal;

import java.nio.ByteBuffer;

/**
 * Decodes the input reports a Joy-Con sends on {@code /dev/hidrawN} when no kernel driver turns it
 * into an event node (hidapi users such as XLeRobot's Joy-Con script read the same reports; hidraw
 * gives every reader its own copy). Standard reports (0x21, 0x30-0x33) carry 24 button bits in bytes
 * 3-5 and two 12-bit sticks in bytes 6-11; the simple-mode report 0x3F carries 16 button bits and a
 * stick direction (8 = centred). Layout: dekuNukem/Nintendo_Switch_Reverse_Engineering,
 * bluetooth_hid_notes.md. One report is one group.
 */
final class JoyConReport {

    /** Axis numbers given to the sticks: the left stick on X/Y, the right one on RX/RY. */
    static final int LEFT_X = 0;
    static final int LEFT_Y = 1;
    static final int RIGHT_X = 3;
    static final int RIGHT_Y = 4;
    /** The simple-mode stick direction, as a hat: 0 centred, 1 pushed. */
    static final int HAT = Codes.ABS_HAT0X;

    private int lastButtons = -1;

    /** Decodes one report of {@code length} bytes at {@code offset}. */
    void decode(ByteBuffer buffer, int offset, int length, ControlSink sink) {
        if (length < 1) {
            sink.malformed();
            return;
        }
        int id = buffer.get(offset) & 0xff;
        if (id == 0x21 || id >= 0x30 && id <= 0x33) {
            if (length < 12) {
                sink.malformed();
                return;
            }
            int buttons = u8(buffer, offset + 3) | u8(buffer, offset + 4) << 8 | u8(buffer, offset + 5) << 16;
            buttons(buttons, 24, sink);
            stick(buffer, offset + 6, LEFT_X, LEFT_Y, sink);
            stick(buffer, offset + 9, RIGHT_X, RIGHT_Y, sink);
            sink.report();
        } else if (id == 0x3f) {
            if (length < 4) {
                sink.malformed();
                return;
            }
            buttons(u8(buffer, offset + 1) | u8(buffer, offset + 2) << 8, 16, sink);
            int hat = u8(buffer, offset + 3);
            sink.axis(HAT, hat == 8 ? 0 : 1);
            sink.report();
        }
        // other reports (MCU, NFC/IR data) carry no controls
    }

    private void buttons(int buttons, int count, ControlSink sink) {
        int changed = lastButtons < 0 ? buttons : buttons ^ lastButtons;
        for (int bit = 0; bit < count; bit++) {
            if ((changed & 1 << bit) != 0) {
                sink.button(Codes.BTN_MISC + bit, buttons >> bit & 1);
            }
        }
        lastButtons = buttons;
    }

    private static void stick(ByteBuffer buffer, int at, int xAxis, int yAxis, ControlSink sink) {
        int b0 = u8(buffer, at);
        int b1 = u8(buffer, at + 1);
        int b2 = u8(buffer, at + 2);
        if ((b0 | b1 | b2) == 0) {
            return; // the other Joy-Con's stick: absent
        }
        sink.axis(xAxis, b0 | (b1 & 0x0f) << 8);
        sink.axis(yAxis, b1 >> 4 | b2 << 4);
    }

    private static int u8(ByteBuffer buffer, int at) {
        return buffer.get(at) & 0xff;
    }
}
