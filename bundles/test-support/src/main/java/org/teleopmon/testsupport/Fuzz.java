package org.teleopmon.testsupport;

import java.util.Random;

/**
 * One convention for every fuzz test: a fixed seed and a round count small enough for CI, both
 * overridable, so a failure is reproduced with the seed and iteration it names and the goal-scale run
 * is one flag: {@code -Dfuzz.rounds=1000000} (docs/testing.md). {@code -Dfuzz.seed=N} changes every
 * test's seed (each test still mixes in its own constant, so tests do not share a stream).
 */
public final class Fuzz {

    private Fuzz() {
    }

    /** Rounds of a fuzz test: {@code fuzz.rounds} when set, else the test's CI default. */
    public static int rounds(int ciDefault) {
        return Integer.getInteger("fuzz.rounds", ciDefault);
    }

    /** A seeded random source: the test's own seed, mixed with {@code fuzz.seed} when set. */
    public static Random random(long testSeed) {
        return new Random(seed(testSeed));
    }

    public static long seed(long testSeed) {
        Long global = Long.getLong("fuzz.seed");
        return global == null ? testSeed : testSeed * 31 + global;
    }

    /** A copy of {@code valid} with a few random bytes changed, a random cut, or random bytes appended. */
    public static byte[] mutate(Random random, byte[] valid) {
        byte[] copy;
        switch (random.nextInt(4)) {
            case 0 -> copy = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 1 -> {
                copy = java.util.Arrays.copyOf(valid, valid.length + 1 + random.nextInt(64));
                for (int i = valid.length; i < copy.length; i++) {
                    copy[i] = (byte) random.nextInt(256);
                }
            }
            default -> copy = valid.clone();
        }
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }
}
