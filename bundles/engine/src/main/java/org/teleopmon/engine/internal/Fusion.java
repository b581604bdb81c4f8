package org.teleopmon.engine.internal;

/**
 * Fuses detector evidence with a noisy-OR. Each active detector {@code i} with weight {@code w}
 * and confidence {@code c} (both 0..100) is treated as independent evidence of strength
 * {@code e = (w/100)·(c/100)}; the fused confidence is {@code 100·(1 − Π(1 − e))}, rounded.
 * Inactive detectors contribute nothing. One detector alone can at most reach {@code w·c/100}, so
 * a weak signal cannot flip the state, while every corroborating detector raises the result.
 */
final class Fusion {

    private double disbelief = 1.0;

    /** Adds one detector's evidence. */
    Fusion add(boolean active, int confidence, int weight) {
        if (active && confidence > 0 && weight > 0) {
            disbelief *= 1.0 - (weight / 100.0) * (confidence / 100.0);
        }
        return this;
    }

    /** The fused confidence 0..100. */
    int confidence() {
        return (int) Math.round(100.0 * (1.0 - disbelief));
    }
}
