package org.teleopmon.api.usage;

import java.util.Map;

/**
 * What the ledger recorded since it started: monotonic counters for monitoring. Keys are the end
 * classes {@code idle}, {@code connection_closed}, {@code monitor_stopped}, {@code monitor_crashed}
 * ({@link org.teleopmon.api.EndReason.Kind#category()}).
 *
 * @param sessions     ended sessions recorded, per end class
 * @param seconds      their teleoperation time in seconds, per end class
 * @param failedWrites writes to the store that failed (each retried until it succeeds)
 * @param waiting      sessions and alerts held in memory until the store accepts them
 */
public record LedgerCounters(Map<String, Long> sessions, Map<String, Double> seconds, long failedWrites,
        int waiting) {

    public LedgerCounters {
        sessions = sessions == null ? Map.of() : Map.copyOf(sessions);
        seconds = seconds == null ? Map.of() : Map.copyOf(seconds);
    }
}
