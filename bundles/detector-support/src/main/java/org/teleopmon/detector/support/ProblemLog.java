package org.teleopmon.detector.support;

import java.util.Objects;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a problem the first time at WARN and afterwards at most once a minute with the count in
 * between: hostile or broken traffic, or a listener that keeps throwing, must not flood the robot's
 * log. Thread-safe.
 */
public final class ProblemLog {

    /** The least time between two lines. */
    public static final long QUIET_NANOS = 60_000_000_000L;

    private final Logger log;
    private final LongSupplier nanoTime;
    private boolean logged;
    private long loggedAt;
    private long since;

    public ProblemLog(Logger log) {
        this(log, System::nanoTime);
    }

    ProblemLog(Logger log, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.nanoTime = nanoTime;
    }

    /** Logs the message now, or counts it when a line went out less than a minute ago. */
    public synchronized void warn(String message) {
        long now = nanoTime.getAsLong();
        if (logged && now - loggedAt < QUIET_NANOS) {
            since++;
            return;
        }
        log.warn(since == 0 ? message : message + " (and " + since + " more since the last report)");
        logged = true;
        loggedAt = now;
        since = 0;
    }
}
