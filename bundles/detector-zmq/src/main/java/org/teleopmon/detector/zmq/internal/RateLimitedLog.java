package org.teleopmon.detector.zmq.internal;

import org.slf4j.Logger;

/**
 * Logs the first occurrence of a problem at WARN, then at most one line a minute with how many
 * were suppressed: hostile traffic must not flood the log.
 */
final class RateLimitedLog {

    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final Logger log;
    private long lastLogged = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    synchronized void warn(String message) {
        long now = System.nanoTime();
        if (lastLogged != Long.MIN_VALUE && now - lastLogged < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.warn("{} ({} similar problems in the last minute not logged)", message, suppressed);
        } else {
            log.warn(message);
        }
        suppressed = 0;
        lastLogged = now;
    }
}
