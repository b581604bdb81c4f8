package org.teleopmon.ledger.internal;

import java.util.List;

/** What one transaction writes: whole session rows (written again replaces them) and new alerts. */
record Batch(List<SessionRow> sessions, List<AlertRow> alerts) {

    static final Batch EMPTY = new Batch(List.of(), List.of());

    boolean isEmpty() {
        return sessions.isEmpty() && alerts.isEmpty();
    }

    int size() {
        return sessions.size() + alerts.size();
    }
}
