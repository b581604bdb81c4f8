package org.teleopmon.detector.input.internal;

import java.util.Locale;

/**
 * What an input device is, from its capabilities. Only pads, joysticks and keyboards are read: the
 * others can never make the robot look teleoperated, so their nodes are not even opened.
 */
enum DeviceKind {
    /** Face buttons or a D-pad with two axes: Xbox, PlayStation, 8BitDo pads, a Joy-Con. */
    GAMEPAD(1),
    /** Trigger button with two axes: flight sticks, wheels. */
    JOYSTICK(2),
    /** Letter keys and autorepeat: only its teleop keys count, and only as counts per set. */
    KEYBOARD(3),
    /** Relative X/Y: a mouse or a pointing stick. Never teleop. */
    POINTER(4),
    /** BTN_TOUCH: a touchpad or touchscreen. Never teleop. */
    TOUCHPAD(5),
    /** An accelerometer/gyroscope node (a Joy-Con's or a DualSense's IMU): moves when the pad lies on a table. */
    MOTION(6),
    /** Power buttons, lid switches, HDMI CEC, headset jacks. */
    OTHER(7);

    private final int code;

    DeviceKind(int code) {
        this.code = code;
    }

    /** The value of the {@code device_kind} measurement (0 when nothing is driven). */
    int code() {
        return code;
    }

    /** Whether its controls can drive the robot: a pad or joystick. */
    boolean controls() {
        return this == GAMEPAD || this == JOYSTICK;
    }

    /** Whether the detector opens its node. */
    boolean read() {
        return controls() || this == KEYBOARD;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Classifies a device the way udev's input_id does, in an order that keeps the odd combinations
     * right: a pad with a chat keyboard is a pad, a keyboard with a touchpad (Logitech K400) is a
     * keyboard, a pointer with a few media keys is a pointer.
     */
    static DeviceKind of(Capabilities caps) {
        if (caps.props().has(Codes.INPUT_PROP_ACCELEROMETER)) {
            return MOTION;
        }
        boolean twoAxes = caps.abs().all(Codes.ABS_X, Codes.ABS_Y);
        boolean touch = caps.key().has(Codes.BTN_TOUCH);
        if (!touch && (twoAxes || caps.abs().has(Codes.ABS_HAT0X))
                && (caps.key().any(Codes.BTN_GAMEPAD, Codes.BTN_THUMBR)
                        || caps.key().any(Codes.BTN_DPAD_UP, Codes.BTN_DPAD_RIGHT))) {
            return GAMEPAD;
        }
        if (!touch && twoAxes && caps.key().any(Codes.BTN_JOYSTICK, Codes.BTN_GAMEPAD - 1)) {
            return JOYSTICK;
        }
        if (caps.ev().has(Codes.EV_REP) && caps.key().all(Capabilities.LETTERS)) {
            return KEYBOARD;
        }
        if (touch) {
            return TOUCHPAD;
        }
        if (caps.rel().all(Codes.REL_X, Codes.REL_Y)) {
            return POINTER;
        }
        return OTHER;
    }
}
