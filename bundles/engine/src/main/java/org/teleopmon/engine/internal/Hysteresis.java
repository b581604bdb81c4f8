package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The idle/active state machine: idle → active as soon as the confidence reaches the threshold;
 * active → idle only once it has stayed below the lower threshold for the hold time. A session
 * ends at the instant the confidence fell, not when the hold ran out.
 */
final class Hysteresis {

    enum Transition {
        NONE, STARTED, STOPPED
    }

    private boolean active;
    private Instant belowSince;
    private Instant fellAt;

    Transition update(int confidence, Instant now, Settings settings) {
        if (!active) {
            if (confidence < settings.threshold()) {
                return Transition.NONE;
            }
            active = true;
            belowSince = null;
            return Transition.STARTED;
        }
        if (confidence >= settings.lowerThreshold()) {
            belowSince = null;
            return Transition.NONE;
        }
        if (belowSince == null || belowSince.isAfter(now)) {
            belowSince = now; // first fall, or the clock stepped back: (re)start the hold
        }
        if (Duration.between(belowSince, now).compareTo(settings.holdTime()) < 0) {
            return Transition.NONE;
        }
        active = false;
        fellAt = belowSince;
        belowSince = null;
        return Transition.STOPPED;
    }

    boolean active() {
        return active;
    }

    /** When the confidence fell below the lower threshold, for the last {@link Transition#STOPPED}. */
    Instant fellAt() {
        return fellAt;
    }
}
