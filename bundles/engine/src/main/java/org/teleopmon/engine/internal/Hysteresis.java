package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The idle/active state machine: idle → active as soon as the confidence reaches the threshold;
 * active → idle only once it has stayed below the lower threshold for the hold time. A session
 * ends at the instant the confidence fell, not when the hold ran out; when the detectors that carried
 * it saw it end (a closed connection), it ends at once, at the time they report, even if corroborating
 * evidence keeps the confidence above the lower threshold.
 */
final class Hysteresis {

    enum Transition {
        NONE, STARTED, STOPPED
    }

    private boolean active;
    private Instant belowSince;
    private Instant fellAt;

    /**
     * @param endedAt when every detector that carried the session reported it ended (connection closed,
     *                call ended, device gone) and what is left is below the start threshold, or {@code null}:
     *                then the session ends at once, at that time, whatever the confidence, instead of after
     *                the hold
     */
    Transition update(int confidence, Instant now, Settings settings, Instant endedAt) {
        if (!active) {
            if (confidence < settings.threshold()) {
                return Transition.NONE;
            }
            active = true;
            belowSince = null;
            return Transition.STARTED;
        }
        if (endedAt != null) {
            active = false;
            fellAt = endedAt;
            belowSince = null;
            return Transition.STOPPED;
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

    /** Ends an active session now, whatever the confidence (the engine is stopping). */
    void stop(Instant now) {
        active = false;
        fellAt = now;
        belowSince = null;
    }

    boolean active() {
        return active;
    }

    /** When the confidence fell below the lower threshold, for the last {@link Transition#STOPPED}. */
    Instant fellAt() {
        return fellAt;
    }
}
