package org.teleopmon.ledger.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerSession;

/**
 * What the ledger knows in memory: the running session and the rows waiting to be written. Events
 * change it at once (no I/O, so the engine's event thread never waits on a disk); the writer thread
 * takes {@link #batch()}es from it. A row written again replaces the one waiting, so memory stays
 * bounded by the sessions and alerts that could not be written yet.
 */
final class Recorder {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    static final int MAX_WAITING = 10_000;

    /** Asked when a session opens, so a renamed robot's next session carries the new id. */
    private final Supplier<String> robotId;
    private final Counters counters;
    private final Map<String, SessionRow> rows = new LinkedHashMap<>();
    private final ArrayDeque<AlertRow> alerts = new ArrayDeque<>();
    private OpenSession open;
    private TeleopState lastState;
    private long dropped;

    Recorder(Supplier<String> robotId, Counters counters) {
        this.robotId = robotId;
        this.counters = counters;
    }

    synchronized void event(TeleopEvent event, Instant now) {
        TeleopState state = event.state();
        switch (event.type()) {
            case TELEOPERATION_STARTED -> started(event.session(), now);
            case TELEOPERATION_STOPPED -> stopped(event.session(), now);
            default -> {
                if (event.alert() != null) {
                    alert(event);
                } else if (event.operator() != null && open != null) {
                    open.operator(event.operator().operator(), event.operator().firstSeen(),
                            event.operator().lastSeen());
                }
            }
        }
        if (state != null) {
            lastState = state;
            if (open != null && state.active()) {
                open.see(state);
            }
        }
    }

    private void started(SessionRecord session, Instant now) {
        if (session == null || open != null && open.id.equals(session.id())) {
            return;
        }
        if (open != null) {
            LOG.warn("Usage ledger: session {} started while {} still ran; {} is closed at its last activity",
                    session.id(), open.id, open.id);
            close(EndReason.of(EndReason.Kind.IDLE, "the ledger missed the end of this session; closed at its last "
                    + "activity", open.active), open.active, now);
        }
        open = OpenSession.of(session, robotId.get(), now);
        pend(open.row(now, null, null));
    }

    private void stopped(SessionRecord session, Instant now) {
        if (session == null) {
            return;
        }
        if (open == null || !open.id.equals(session.id())) {
            // never saw it start (the ledger started during it, or missed the event): keep what the engine says
            open = OpenSession.of(session, robotId.get(), now);
        }
        open.stalls(session.stalls());
        EndReason reason = session.endReason() != null ? session.endReason()
                : EndReason.of(EndReason.Kind.IDLE, "", session.end());
        close(reason, session.end() != null ? session.end() : now, now);
    }

    private void alert(TeleopEvent event) {
        if (open != null) {
            open.alert(event.alert());
        }
        if (alerts.size() >= MAX_WAITING) {
            alerts.poll();
            drop();
        }
        alerts.add(new AlertRow(open == null ? null : open.id, event.alert()));
    }

    /**
     * A heartbeat of the running session: {@code state} (or, without one, the last state of an event)
     * is sampled, and {@code stillActive} moves the session's last activity to now.
     */
    synchronized void heartbeat(TeleopState state, Set<String> activeDetectors, boolean stillActive, double stallGapMs,
            Instant now) {
        if (open == null) {
            return;
        }
        TeleopState sampled = state != null ? state : lastState;
        if (sampled != null && sampled.active()) {
            open.see(sampled);
            open.sample(sampled);
        }
        open.detectors(activeDetectors);
        open.stallGap(stallGapMs);
        open.heartbeat = now;
        if (stillActive) {
            open.active = now;
        }
        pend(open.row(now, null, null));
    }

    /** The engine's stalls so far of its open session {@code record}, if that is the one recorded. */
    synchronized void stalls(SessionRecord record) {
        if (open != null && open.id.equals(record.id())) {
            open.stalls(record.stalls());
        }
    }

    String robotId() {
        return robotId.get();
    }

    synchronized boolean lastStateActive() {
        return lastState != null && lastState.active();
    }

    synchronized String openId() {
        return open == null ? null : open.id;
    }

    /** Takes over a session the engine is running that this ledger did not see start. */
    synchronized void adopt(OpenSession session, Instant now) {
        if (open == null) {
            open = session;
            pend(open.row(now, null, null));
        }
    }

    /** Ends the running session, if any, at {@code end}. */
    synchronized void closeOpen(EndReason reason, Instant end, Instant now) {
        if (open != null) {
            close(reason, end, now);
        }
    }

    private void close(EndReason reason, Instant end, Instant now) {
        Instant at = end.isBefore(open.start) ? open.start : end;
        SessionRow row = open.row(now, at, reason);
        open = null;
        ended(row);
    }

    /** A session found still running in the store after a crash, now closed. */
    synchronized void ended(SessionRow row) {
        SessionRecord record = row.session().session();
        counters.ended(record.endReason().kind().category(), record.duration().toMillis() / 1000.0);
        pend(row);
    }

    private void pend(SessionRow row) {
        rows.put(row.id(), row);
        if (rows.size() > MAX_WAITING) {
            Iterator<String> oldest = rows.keySet().iterator();
            String id = oldest.next();
            if (open != null && id.equals(open.id)) {
                id = oldest.next();
            }
            rows.remove(id);
            drop();
        }
    }

    private void drop() {
        if (dropped++ % 1000 == 0) {
            LOG.error("Usage ledger: {} rows could not be written and are dropped (more than {} waited); see the "
                    + "ledger's health for why", dropped, MAX_WAITING);
        }
    }

    synchronized Batch batch() {
        if (rows.isEmpty() && alerts.isEmpty()) {
            return Batch.EMPTY;
        }
        return new Batch(List.copyOf(rows.values()), List.copyOf(alerts));
    }

    /** Forgets what {@code batch} wrote, unless a newer row of the same session arrived meanwhile. */
    synchronized void written(Batch batch) {
        for (SessionRow row : batch.sessions()) {
            rows.remove(row.id(), row);
        }
        batch.alerts().forEach(alerts::removeFirstOccurrence);
    }

    synchronized int waiting() {
        return rows.size() + alerts.size() - (open != null && rows.containsKey(open.id) ? 1 : 0);
    }

    /** The running session as of {@code now}, or {@code null}. */
    synchronized LedgerSession live(Instant now) {
        return open == null ? null : open.row(now, null, null).session();
    }
}
