package org.teleopmon.ledger.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.teleopmon.api.Alert;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionOperator;
import org.teleopmon.api.usage.Stalls;

/** The running session as the ledger accumulates it from events and heartbeats. Not thread-safe. */
final class OpenSession {

    /** Alerts kept in memory for one session (all of them are in the store). */
    private static final int MAX_ALERTS = 1000;

    final String id;
    final Instant start;
    private final String robotId;
    private String robotType;
    private int maxConfidence;
    private final Set<String> detectors = new TreeSet<>();
    private final Map<String, SessionOperator> operators = new LinkedHashMap<>();
    private final Map<String, QualitySketch> quality = new LinkedHashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private double stallWorstMs = Double.NaN;
    /** The engine's count of the session's command stalls; unknown until it measured them. */
    private Stalls stalls = Stalls.UNKNOWN;
    Instant heartbeat;
    Instant active;

    private OpenSession(String id, Instant start, String robotId, String robotType) {
        this.id = id;
        this.start = start;
        this.robotId = robotId;
        this.robotType = robotType;
        this.heartbeat = start;
        this.active = start;
    }

    /** A session the engine just started (or had running when the ledger started). */
    static OpenSession of(SessionRecord record, String robotId, Instant now) {
        OpenSession open = new OpenSession(record.id(), record.start(), robotId, record.robotType());
        record.operators().forEach(o -> open.operator(o, record.start(), now));
        open.heartbeat = now;
        open.active = now;
        return open;
    }

    /** A session the store already holds, picked up again: the ledger restarted while the engine ran it. */
    static OpenSession resume(LedgerSession stored, Instant now) {
        SessionRecord record = stored.session();
        OpenSession open = new OpenSession(record.id(), record.start(), stored.robotId(), record.robotType());
        open.maxConfidence = stored.maxConfidence();
        open.detectors.addAll(stored.detectors());
        stored.operators().forEach(o -> open.operators.put(o.operator().id(), o));
        stored.quality().forEach((metric, q) -> open.quality.put(metric, new QualitySketch(q)));
        open.alerts.addAll(stored.alerts());
        open.stallWorstMs = stored.stalls().worstMs();
        open.stalls = stored.stalls();
        open.heartbeat = now;
        open.active = now;
        return open;
    }

    /** What a state tells: its operators and their detectors, its confidence, the robot type. */
    void see(TeleopState state) {
        maxConfidence = Math.max(maxConfidence, state.confidence());
        if (!state.robotType().isEmpty()) {
            robotType = state.robotType();
        }
        for (OperatorInfo info : state.operators()) {
            operator(info.operator(), info.firstSeen(), info.lastSeen());
            detectors.addAll(info.detectors());
        }
    }

    void operator(Operator operator, Instant firstSeen, Instant lastSeen) {
        SessionOperator known = operators.get(operator.id());
        Instant first = known == null || firstSeen.isBefore(known.firstSeen()) ? firstSeen : known.firstSeen();
        Instant last = known == null || lastSeen.isAfter(known.lastSeen()) ? lastSeen : known.lastSeen();
        operators.put(operator.id(), new SessionOperator(operator, first, last));
    }

    /** One steady-rate sample of every state metric the state knows. */
    void sample(TeleopState state) {
        for (Map.Entry<String, Reading> e : state.metrics().entrySet()) {
            quality.computeIfAbsent(e.getKey(), k -> new QualitySketch()).add(e.getValue().value());
        }
    }

    void detectors(Set<String> active) {
        detectors.addAll(active);
    }

    void stallGap(double gapMs) {
        if (Double.isFinite(gapMs) && !(gapMs <= stallWorstMs)) {
            stallWorstMs = gapMs;
        }
    }

    /** The engine's stalls of this session, which win over a metric's worst gap once it measured them. */
    void stalls(Stalls counted) {
        if (counted.counted()) {
            stalls = counted;
        }
    }

    void alert(Alert alert) {
        if (alerts.size() < MAX_ALERTS) {
            alerts.add(alert);
        }
    }

    /** The row as of {@code now}; {@code reason} non-null ends the session at {@code end}. */
    SessionRow row(Instant now, Instant end, EndReason reason) {
        Instant until = end != null ? end : now;
        Duration duration = until.isBefore(start) ? Duration.ZERO : Duration.between(start, until);
        Map<String, Quality> figures = new LinkedHashMap<>();
        Map<String, SessionRecord.Figures> summary = new LinkedHashMap<>();
        quality.forEach((metric, sketch) -> {
            Quality q = sketch.quality();
            figures.put(metric, q);
            summary.put(metric, new SessionRecord.Figures(q.mean(), q.max(), q.samples()));
        });
        List<Operator> who = operators.values().stream().map(SessionOperator::operator).toList();
        Stalls kept = stalls.counted() ? stalls
                : Double.isNaN(stallWorstMs) ? Stalls.UNKNOWN : new Stalls(-1, stallWorstMs);
        SessionRecord record = new SessionRecord(id, start, end, duration, who, robotType, summary, reason, kept);
        LedgerSession session = new LedgerSession(record, robotId, maxConfidence, List.copyOf(detectors), figures,
                kept,
                List.copyOf(operators.values()), alerts);
        return new SessionRow(session, heartbeat, active);
    }
}
