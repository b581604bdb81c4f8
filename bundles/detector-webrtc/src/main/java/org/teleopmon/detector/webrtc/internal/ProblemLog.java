package org.teleopmon.detector.webrtc.internal;

import org.slf4j.Logger;

/**
 * Logs a problem the first time at WARN and afterwards at most once a minute with the count in
 * between: hostile or broken traffic must not flood the robot's log.
 */
final class ProblemLog {

    private static final long QUIET_NANOS = 60_000_000_000L;

    private final Logger log;
    private long loggedAt;
    private boolean logged;
    private long since;

    ProblemLog(Logger log) {
        this.log = log;
    }

    synchronized void warn(String message) {
        long now = System.nanoTime();
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
