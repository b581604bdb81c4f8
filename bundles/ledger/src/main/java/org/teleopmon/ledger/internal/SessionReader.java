package org.teleopmon.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.teleopmon.api.Alert;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Severity;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionOperator;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.Stalls;

/** Reads session rows back into {@link LedgerSession}s, with their operators, quality and alerts. */
final class SessionReader {

    private static final String SELECT = "SELECT id, started_ms, ended_ms, duration_s, robot_type, end_reason, "
            + "end_kind, end_detail, max_confidence, detectors, heartbeat_ms, robot_id, active_ms, stall_count, "
            + "stall_worst_ms FROM sessions s ";
    private static final String PAGE = SELECT + """
            WHERE (?1 IS NULL OR s.started_ms >= ?1) AND (?2 IS NULL OR s.started_ms < ?2)
              AND (?3 IS NULL OR EXISTS (SELECT 1 FROM session_operators o
                                         WHERE o.session_id = s.id AND (o.operator_id = ?3 OR o.operator_name = ?3)))
              AND (?4 IS NULL OR s.robot_id = ?4 OR s.robot_type = ?4)
              AND (?5 IS NULL OR s.started_ms < ?5 OR (s.started_ms = ?5 AND s.id < ?6))
            ORDER BY s.started_ms DESC, s.id DESC LIMIT ?7""";

    private SessionReader() {
    }

    /** Up to {@code query.limit() + 1} rows, newest first: one more than asked tells whether a page follows. */
    static List<SessionRow> page(Connection connection, SessionQuery query) throws SQLException {
        Cursor cursor = query.cursor() == null ? null : Cursor.decode(query.cursor());
        try (PreparedStatement statement = connection.prepareStatement(PAGE)) {
            Columns.instant(statement, 1, query.from());
            Columns.instant(statement, 2, query.to());
            statement.setString(3, query.operator());
            statement.setString(4, query.robot());
            if (cursor == null) {
                statement.setNull(5, java.sql.Types.INTEGER);
                statement.setNull(6, java.sql.Types.VARCHAR);
            } else {
                statement.setLong(5, cursor.startedMs());
                statement.setString(6, cursor.id());
            }
            statement.setInt(7, query.limit() + 1);
            return rows(connection, statement);
        }
    }

    static Optional<SessionRow> one(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + "WHERE s.id = ?")) {
            statement.setString(1, id);
            return rows(connection, statement).stream().findFirst();
        }
    }

    /** Sessions whose row says they still run: after a crash, the ones to close. */
    static List<SessionRow> running(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + "WHERE s.ended_ms IS NULL")) {
            return rows(connection, statement);
        }
    }

    private record Base(String id, Instant start, Instant end, double durationS, String robotType, String endReason,
            String endKind, String endDetail, int maxConfidence, String detectors, Instant heartbeat,
            String robotId, Instant active, long stallCount, double stallWorstMs) {
    }

    private static List<SessionRow> rows(Connection connection, PreparedStatement statement) throws SQLException {
        List<Base> bases = new ArrayList<>();
        try (ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                long stalls = r.getLong("stall_count");
                long stallCount = r.wasNull() ? -1 : stalls;
                bases.add(new Base(r.getString("id"), Columns.instant(r, "started_ms"), Columns.instant(r, "ended_ms"),
                        r.getDouble("duration_s"), Columns.text(r, "robot_type"), r.getString("end_reason"),
                        r.getString("end_kind"), Columns.text(r, "end_detail"), r.getInt("max_confidence"),
                        Columns.text(r, "detectors"), Columns.instant(r, "heartbeat_ms"), Columns.text(r, "robot_id"),
                        Columns.instant(r, "active_ms"), stallCount, Columns.number(r, "stall_worst_ms")));
            }
        }
        if (bases.isEmpty()) {
            return List.of();
        }
        List<String> ids = bases.stream().map(Base::id).toList();
        Map<String, List<SessionOperator>> operators = operators(connection, ids);
        Map<String, Map<String, Quality>> quality = quality(connection, ids);
        Map<String, List<Alert>> alerts = alerts(connection, ids);
        List<SessionRow> rows = new ArrayList<>(bases.size());
        for (Base b : bases) {
            rows.add(row(b, operators.getOrDefault(b.id, List.of()), quality.getOrDefault(b.id, Map.of()),
                    alerts.getOrDefault(b.id, List.of())));
        }
        return rows;
    }

    private static SessionRow row(Base b, List<SessionOperator> operators, Map<String, Quality> quality,
            List<Alert> alerts) {
        Map<String, SessionRecord.Figures> summary = new LinkedHashMap<>();
        quality.forEach((metric, q) -> summary.put(metric, new SessionRecord.Figures(q.mean(), q.max(), q.samples())));
        Stalls stalls = new Stalls(b.stallCount, b.stallWorstMs);
        SessionRecord record = new SessionRecord(b.id, b.start, b.end, Duration.ofMillis(Math.round(b.durationS * 1000)),
                operators.stream().map(SessionOperator::operator).toList(), b.robotType, summary, endReason(b), stalls);
        List<String> detectors = b.detectors.isEmpty() ? List.of() : Arrays.asList(b.detectors.split(","));
        LedgerSession session = new LedgerSession(record, b.robotId, b.maxConfidence, detectors, quality, stalls,
                operators, alerts);
        return new SessionRow(session, b.heartbeat, b.active == null ? b.heartbeat : b.active);
    }

    /** The fine kind as written; a row without one (edited by hand) gets the first kind of its class. */
    private static EndReason endReason(Base b) {
        if (b.endReason == null) {
            return null;
        }
        EndReason.Kind kind = EndReason.Kind.fromWireName(b.endKind == null ? "" : b.endKind)
                .or(() -> Arrays.stream(EndReason.Kind.values()).filter(k -> k.category().equals(b.endReason)).findFirst())
                .orElse(EndReason.Kind.IDLE);
        return EndReason.of(kind, b.endDetail, b.end);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static PreparedStatement byIds(Connection connection, String sql, List<String> ids) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.replace("(?)", "(" + placeholders(ids.size()) + ")"));
        for (int i = 0; i < ids.size(); i++) {
            statement.setString(i + 1, ids.get(i));
        }
        return statement;
    }

    private static Map<String, List<SessionOperator>> operators(Connection connection, List<String> ids)
            throws SQLException {
        Map<String, List<SessionOperator>> operators = new HashMap<>();
        try (PreparedStatement statement = byIds(connection, "SELECT * FROM session_operators WHERE session_id IN (?) "
                + "ORDER BY first_ms, operator_id", ids); ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                Operator operator = new Operator(r.getString("operator_id"), r.getString("operator_name"),
                        source(r.getString("source")), Columns.text(r, "detail"));
                operators.computeIfAbsent(r.getString("session_id"), k -> new ArrayList<>()).add(new SessionOperator(
                        operator, Columns.instant(r, "first_ms"), Columns.instant(r, "last_ms")));
            }
        }
        return operators;
    }

    private static IdentitySource source(String text) {
        try {
            return IdentitySource.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return IdentitySource.OTHER;
        }
    }

    /** In the order of {@link Measurements#STATE_METRICS}, then any other metric by name. */
    private static Map<String, Map<String, Quality>> quality(Connection connection, List<String> ids)
            throws SQLException {
        Map<String, Map<String, Quality>> quality = new HashMap<>();
        try (PreparedStatement statement = byIds(connection, "SELECT * FROM session_quality WHERE session_id IN (?) "
                + "ORDER BY metric", ids); ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                quality.computeIfAbsent(r.getString("session_id"), k -> new java.util.TreeMap<>(Metrics.ORDER))
                        .put(r.getString("metric"), new Quality(Columns.number(r, "mean"), Columns.number(r, "min"),
                                Columns.number(r, "max"), Columns.number(r, "p95"), r.getLong("samples")));
            }
        }
        return quality;
    }

    private static Map<String, List<Alert>> alerts(Connection connection, List<String> ids) throws SQLException {
        Map<String, List<Alert>> alerts = new HashMap<>();
        try (PreparedStatement statement = byIds(connection, "SELECT * FROM alerts WHERE session_id IN (?) "
                + "ORDER BY at_ms, id", ids); ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                Alert alert = new Alert(r.getString("rule"), r.getString("subject"),
                        enumOf(Severity.class, r.getString("severity"), Severity.WARNING),
                        enumOf(Alert.State.class, r.getString("status"), Alert.State.FIRING),
                        EventType.fromWireName(r.getString("event")).orElse(EventType.ALERT_WARNING),
                        Columns.number(r, "value"), Columns.number(r, "threshold"), Columns.text(r, "message"),
                        Columns.instant(r, "at_ms"));
                alerts.computeIfAbsent(r.getString("session_id"), k -> new ArrayList<>()).add(alert);
            }
        }
        return alerts;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String text, E fallback) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return fallback;
        }
    }
}
