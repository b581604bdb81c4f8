package org.teleopmon.ledger.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.usage.LedgerCounters;

/** Monotonic counters of what the ledger recorded since it started. */
final class Counters {

    private final Map<String, Long> sessions = new TreeMap<>();
    private final Map<String, Double> seconds = new TreeMap<>();
    private final AtomicLong failedWrites = new AtomicLong();

    Counters() {
        for (EndReason.Kind kind : EndReason.Kind.values()) {
            sessions.put(kind.category(), 0L);
            seconds.put(kind.category(), 0.0);
        }
    }

    synchronized void ended(String category, double durationSeconds) {
        sessions.merge(category, 1L, Long::sum);
        seconds.merge(category, Math.max(0, durationSeconds), Double::sum);
    }

    void failedWrite() {
        failedWrites.incrementAndGet();
    }

    synchronized LedgerCounters snapshot(int waiting) {
        return new LedgerCounters(sessions, seconds, failedWrites.get(), waiting);
    }
}
