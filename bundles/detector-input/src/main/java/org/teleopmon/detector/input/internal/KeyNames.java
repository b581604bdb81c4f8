package org.teleopmon.detector.input.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Names users write in the teleop key sets ({@code w}, {@code 5}, {@code up}, {@code space}) and
 * their Linux key codes. Letters and digits follow the US layout positions, as evdev reports them.
 */
final class KeyNames {

    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        String row1 = "qwertyuiop";
        String row2 = "asdfghjkl";
        String row3 = "zxcvbnm";
        for (int i = 0; i < row1.length(); i++) {
            CODES.put(String.valueOf(row1.charAt(i)), 16 + i);
        }
        for (int i = 0; i < row2.length(); i++) {
            CODES.put(String.valueOf(row2.charAt(i)), 30 + i);
        }
        for (int i = 0; i < row3.length(); i++) {
            CODES.put(String.valueOf(row3.charAt(i)), 44 + i);
        }
        for (int digit = 1; digit <= 9; digit++) {
            CODES.put(String.valueOf(digit), 1 + digit);
        }
        CODES.put("0", 11);
        CODES.put("space", 57);
        CODES.put("up", 103);
        CODES.put("left", 105);
        CODES.put("right", 106);
        CODES.put("down", 108);
        CODES.put("shift", 42);
        CODES.put("rightshift", 54);
        CODES.put("ctrl", 29);
        CODES.put("rightctrl", 97);
        CODES.put("alt", 56);
        CODES.put("tab", 15);
        CODES.put("esc", 1);
        CODES.put("enter", 28);
        CODES.put("minus", 12);
        CODES.put("equal", 13);
        CODES.put("comma", 51);
        CODES.put("dot", 52);
        CODES.put("semicolon", 39);
        CODES.put("leftbrace", 26);
        CODES.put("rightbrace", 27);
        CODES.put("kp8", 72);
        CODES.put("kp2", 80);
        CODES.put("kp4", 75);
        CODES.put("kp6", 77);
    }

    private KeyNames() {
    }

    /** The key code of a name ({@code w}, {@code KEY_W} and {@code W} are the same key). */
    static OptionalInt code(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("key_")) {
            key = key.substring(4);
        }
        Integer code = CODES.get(key);
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }
}
