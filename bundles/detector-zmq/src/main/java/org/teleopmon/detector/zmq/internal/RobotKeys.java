package org.teleopmon.detector.zmq.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The JSON keys of LeKiwi and XLE actions (and observation states), as bits of a mask. */
final class RobotKeys {

    static final List<String> JOINTS = List.of("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex",
            "wrist_roll", "gripper");
    static final List<String> BASE = List.of("x.vel", "y.vel", "theta.vel");
    static final List<String> LEKIWI = keys(List.of("arm_"));
    static final List<String> XLE = xle();

    static final long LEKIWI_MASK = (1L << 9) - 1;
    static final long XLE_MASK = ((1L << 14) - 1) << 9 | 0b111L << 6;

    private static final Map<String, Integer> BITS = new HashMap<>();

    static {
        for (int i = 0; i < LEKIWI.size(); i++) {
            BITS.put(LEKIWI.get(i), i);
        }
        for (int i = 0; i < XLE.size() - BASE.size(); i++) {
            BITS.put(XLE.get(i), 9 + i);
        }
    }

    private RobotKeys() {
    }

    /** The bit of a known key, or 0. */
    static long bit(String key) {
        Integer bit = BITS.get(key);
        return bit == null ? 0 : 1L << bit;
    }

    static boolean isVelocity(String key) {
        return key.endsWith(".vel");
    }

    private static List<String> keys(List<String> arms) {
        List<String> keys = new java.util.ArrayList<>();
        for (String arm : arms) {
            JOINTS.forEach(j -> keys.add(arm + j + ".pos"));
        }
        keys.addAll(BASE);
        return List.copyOf(keys);
    }

    private static List<String> xle() {
        List<String> keys = new java.util.ArrayList<>(keys(List.of("left_arm_", "right_arm_")));
        keys.addAll(keys.size() - BASE.size(), List.of("head_motor_1.pos", "head_motor_2.pos"));
        return List.copyOf(keys);
    }
}
