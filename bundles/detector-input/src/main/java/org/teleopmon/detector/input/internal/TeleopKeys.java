package org.teleopmon.detector.input.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The privacy boundary: the only place a keyboard key code is looked at. {@link #classOf} maps a
 * code to "key {@code slot} of teleop set {@code set}" or to {@link #OTHER}, and the decoder drops
 * {@link #OTHER} on the spot, so no other part of the monitor ever holds a non-teleop key code: not
 * the device state, the signal, the log, the shell or an exception message. Immutable.
 *
 * @param names the robot each set drives ({@code lekiwi}, {@code xle}), in set order
 */
record TeleopKeys(List<String> names, short[] classes) {

    /** What {@link #classOf} returns for every key outside the teleop sets. */
    static final int OTHER = 0;
    /** Keys per set at most: a slot fits in the low 5 bits of a class. */
    static final int MAX_KEYS = 32;

    /**
     * Builds the sets; a name that is no key is reported to {@code problems} (the name is the user's
     * configuration, never a pressed key) and skipped.
     */
    static TeleopKeys of(List<String> robots, List<String[]> sets, List<String> problems) {
        short[] classes = new short[Codes.BTN_MISC];
        List<String> names = new ArrayList<>();
        for (int set = 0; set < sets.size() && set < 255; set++) {
            names.add(robots.get(set).toLowerCase(Locale.ROOT));
            int slot = 0;
            for (String name : sets.get(set)) {
                OptionalInt code = KeyNames.code(name);
                if (code.isEmpty()) {
                    problems.add("'" + name + "' in the " + robots.get(set) + " teleop keys is no key name");
                } else if (slot >= MAX_KEYS) {
                    problems.add("more than " + MAX_KEYS + " " + robots.get(set) + " teleop keys; '" + name + "' ignored");
                } else if (classes[code.getAsInt()] != OTHER) {
                    problems.add("'" + name + "' is in two teleop key sets; it counts for the first");
                } else {
                    classes[code.getAsInt()] = (short) ((set + 1) << 5 | slot++);
                }
            }
        }
        return new TeleopKeys(List.copyOf(names), classes);
    }

    /**
     * {@link #OTHER}, or {@code (set + 1) << 5 | slot} for a teleop key. Codes that are no keyboard
     * key (buttons, out of range) are {@link #OTHER} too.
     */
    int classOf(int code) {
        return code >= 0 && code < classes.length ? classes[code] : OTHER;
    }

    static int set(int keyClass) {
        return (keyClass >> 5) - 1;
    }

    static int slot(int keyClass) {
        return keyClass & 31;
    }

    int sets() {
        return names.size();
    }

    @Override
    public String toString() {
        return "TeleopKeys" + names;
    }
}
