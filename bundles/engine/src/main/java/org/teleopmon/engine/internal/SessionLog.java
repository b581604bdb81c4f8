package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.Stalls;

/** The open session, with its running figures, and the last ended ones. */
final class SessionLog {

    private static final DateTimeFormatter ID_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final class Figure {
        double sum;
        double peak = Double.NEGATIVE_INFINITY;
        long samples;

        SessionRecord.Figures figures() {
            return new SessionRecord.Figures(sum / samples, peak, samples);
        }
    }

    private final Deque<SessionRecord> ended = new ArrayDeque<>();
    private long started;
    private String id;
    private Instant start;
    private String robotType;
    private final Map<String, Operator> operators = new LinkedHashMap<>();
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    /** Whether any view during the open session measured the command gaps. */
    private boolean gapsMeasured;
    private long stallCount;
    private Duration worstStall;

    boolean isOpen() {
        return id != null;
    }

    Instant start() {
        return start;
    }

    /** The open session's id, or {@code null}. */
    String id() {
        return id;
    }

    /** A command stall of length {@code gap} in session {@code sessionId}; ignored unless that one is open. */
    void stall(String sessionId, Duration gap) {
        if (isOpen() && id.equals(sessionId)) {
            stallCount++;
            worstStall = worstStall == null || gap.compareTo(worstStall) > 0 ? gap : worstStall;
        }
    }

    long started() {
        return started;
    }

    void open(Instant at, String robotType, List<Operator> present) {
        started++;
        id = ID_FORMAT.format(at) + "-" + started;
        start = at;
        this.robotType = robotType;
        operators.clear();
        figures.clear();
        gapsMeasured = false;
        stallCount = 0;
        worstStall = null;
        present.forEach(this::operator);
    }

    void operator(Operator operator) {
        if (isOpen()) {
            operators.putIfAbsent(operator.id(), operator);
        }
    }

    void robotType(String value) {
        if (isOpen() && !value.isEmpty()) {
            robotType = value;
        }
    }

    /** Adds a new view's state metrics to the open session's figures. */
    void sample(DetectorSignal signal) {
        if (!isOpen() || signal.measurements().isEmpty()) {
            return;
        }
        gapsMeasured |= signal.measurements().containsKey(Measurements.SINCE_LAST_COMMAND_MS);
        for (String name : Measurements.STATE_METRICS) {
            double value = signal.measurement(name);
            if (!Double.isNaN(value)) {
                Figure figure = figures.computeIfAbsent(name, n -> new Figure());
                figure.sum += value;
                figure.peak = Math.max(figure.peak, value);
                figure.samples++;
            }
        }
    }

    /** Ends the open session at {@code end} and keeps it, dropping the oldest beyond {@code history}. */
    SessionRecord close(Instant end, int history, EndReason reason) {
        SessionRecord record = record(end, end, reason);
        id = null;
        ended.addFirst(record);
        trim(history);
        return record;
    }

    void trim(int history) {
        while (ended.size() > history) {
            ended.removeLast();
        }
    }

    /** The open session as of {@code now}, or {@code null}. */
    SessionRecord open(Instant now) {
        return isOpen() ? record(null, now, null) : null;
    }

    /** Newest first, the open one (if any) at the head. */
    List<SessionRecord> all(Instant now) {
        List<SessionRecord> all = new ArrayList<>(ended.size() + 1);
        if (isOpen()) {
            all.add(open(now));
        }
        all.addAll(ended);
        return all;
    }

    Set<String> operatorIds() {
        return new LinkedHashSet<>(operators.keySet());
    }

    private SessionRecord record(Instant end, Instant until, EndReason reason) {
        Map<String, SessionRecord.Figures> summary = new LinkedHashMap<>();
        figures.forEach((name, figure) -> summary.put(name, figure.figures()));
        Duration duration = until.isBefore(start) ? Duration.ZERO : Duration.between(start, until);
        Stalls stalls = !gapsMeasured && stallCount == 0 ? Stalls.UNKNOWN
                : new Stalls(stallCount, worstStall == null ? Double.NaN : worstStall.toNanos() / 1e6);
        return new SessionRecord(id, start, end, duration, List.copyOf(operators.values()), robotType, summary,
                reason, stalls);
    }
}
