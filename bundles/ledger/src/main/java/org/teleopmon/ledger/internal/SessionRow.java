package org.teleopmon.ledger.internal;

import java.time.Duration;
import java.time.Instant;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;

/**
 * A session as one row writes it: the session, and for a running one when its row was last written
 * ({@code heartbeat}) and the last heartbeat at which a detector still saw teleoperation ({@code active}).
 */
record SessionRow(LedgerSession session, Instant heartbeat, Instant active) {

    String id() {
        return session.id();
    }

    /** The same session, ended at {@code end} for {@code reason}. */
    SessionRow ended(Instant end, EndReason reason) {
        SessionRecord r = session.session();
        Instant at = end.isBefore(r.start()) ? r.start() : end;
        SessionRecord record = new SessionRecord(r.id(), r.start(), at, Duration.between(r.start(), at), r.operators(),
                r.robotType(), r.summary(), reason, session.stalls());
        return new SessionRow(new LedgerSession(record, session.robotId(), session.maxConfidence(),
                session.detectors(), session.quality(), session.stalls(), session.operators(), session.alerts()),
                heartbeat, active);
    }
}
