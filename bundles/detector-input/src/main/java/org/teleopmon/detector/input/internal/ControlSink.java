package org.teleopmon.detector.input.internal;

/**
 * What the decoders hand on, already past the privacy boundary: a keyboard key arrives only as a
 * teleop key class ({@link TeleopKeys}), never as a code.
 */
interface ControlSink {

    /** An absolute axis (an ABS code, a joystick axis number or a Joy-Con stick) took a value. */
    void axis(int axis, int value);

    /** A button (a BTN code, or {@link Codes#BTN_MISC} plus a joystick or Joy-Con button number): 0 up, 1 down. */
    void button(int code, int value);

    /** A teleop key: its class from {@link TeleopKeys#classOf}, value 0 up, 1 down, 2 autorepeat. */
    void teleopKey(int keyClass, int value);

    /** SYN_REPORT: the events since the previous one belong together. */
    void report();

    /** SYN_DROPPED: the kernel's buffer overflowed; what is held is unknown until the next report. */
    void dropped();

    /** A record that cannot be an input event (garbage in a FIFO, a torn write). */
    void malformed();
}
