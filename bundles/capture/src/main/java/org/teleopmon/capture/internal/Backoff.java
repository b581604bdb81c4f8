package org.teleopmon.capture.internal;

import java.time.Duration;

/** Exponential back-off between the bounds, reset on success. */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = Math.max(initialNanos, max.toNanos());
        this.nextNanos = initialNanos;
    }

    /** The delay to wait after this failure; the next one waits twice as long, up to the maximum. */
    long failed() {
        long delay = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return delay;
    }

    void succeeded() {
        nextNanos = initialNanos;
    }
}
