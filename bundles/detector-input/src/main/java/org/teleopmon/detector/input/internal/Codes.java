package org.teleopmon.detector.input.internal;

/** The Linux input event codes this detector needs (include/uapi/linux/input-event-codes.h). */
final class Codes {

    static final int EV_SYN = 0x00;
    static final int EV_KEY = 0x01;
    static final int EV_REL = 0x02;
    static final int EV_ABS = 0x03;
    static final int EV_MSC = 0x04;
    static final int EV_REP = 0x14;
    static final int EV_MAX = 0x1f;

    static final int SYN_REPORT = 0;
    static final int SYN_DROPPED = 3;
    static final int SYN_MAX = 0x0f;

    static final int KEY_MAX = 0x2ff;
    static final int REL_MAX = 0x0f;
    static final int ABS_MAX = 0x3f;
    static final int MSC_MAX = 0x07;

    static final int REL_X = 0x00;
    static final int REL_Y = 0x01;

    static final int ABS_X = 0x00;
    static final int ABS_Y = 0x01;
    static final int ABS_Z = 0x02;
    static final int ABS_RZ = 0x05;
    static final int ABS_GAS = 0x09;
    static final int ABS_BRAKE = 0x0a;
    static final int ABS_HAT0X = 0x10;
    static final int ABS_HAT3Y = 0x17;

    /** First button code; everything below is a keyboard key. */
    static final int BTN_MISC = 0x100;
    static final int BTN_LEFT = 0x110;
    static final int BTN_JOYSTICK = 0x120;
    static final int BTN_TRIGGER = 0x120;
    static final int BTN_GAMEPAD = 0x130;
    static final int BTN_SOUTH = 0x130;
    static final int BTN_THUMBR = 0x13e;
    static final int BTN_DIGI = 0x140;
    static final int BTN_TOUCH = 0x14a;
    /** Last code of the button block that starts at {@link #BTN_MISC} (BTN_GEAR_UP). */
    static final int BTN_LAST = 0x151;
    static final int BTN_DPAD_UP = 0x220;
    static final int BTN_DPAD_RIGHT = 0x223;
    static final int BTN_TRIGGER_HAPPY = 0x2c0;
    static final int BTN_TRIGGER_HAPPY40 = 0x2e7;

    static final int INPUT_PROP_POINTER = 0x00;
    static final int INPUT_PROP_DIRECT = 0x01;
    static final int INPUT_PROP_BUTTONPAD = 0x02;
    static final int INPUT_PROP_ACCELEROMETER = 0x06;

    static final int BUS_USB = 0x03;
    static final int BUS_BLUETOOTH = 0x05;

    private Codes() {
    }

    /**
     * Whether an EV_KEY code is a button of a pad, joystick, mouse or pen. Every other EV_KEY code is a
     * keyboard key, which the privacy rule treats as typed text.
     */
    static boolean isButton(int code) {
        return code >= BTN_MISC && code <= BTN_LAST || code >= BTN_DPAD_UP && code <= BTN_DPAD_RIGHT
                || code >= BTN_TRIGGER_HAPPY && code <= BTN_TRIGGER_HAPPY40;
    }

    /** Axes that rest at their minimum: analogue triggers and pedals. */
    static boolean isTrigger(int axis) {
        return axis == ABS_Z || axis == ABS_RZ || axis == ABS_GAS || axis == ABS_BRAKE;
    }

    static boolean isHat(int axis) {
        return axis >= ABS_HAT0X && axis <= ABS_HAT3Y;
    }
}
