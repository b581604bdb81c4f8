package org.teleopmon.detector.input.internal;

/**
 * A process holding a device node open, such as {@code python3 …/xlerobot/joycon_teleop.py}: strong
 * evidence that the device drives something.
 *
 * @param command the executable and the script it runs, never its other arguments (they may hold
 *                secrets)
 */
record Consumer(long pid, String command) {

    @Override
    public String toString() {
        return command + " (pid " + pid + ")";
    }
}
