package org.teleopmon.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;

import org.teleopmon.api.Alert;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionOperator;

/**
 * Writes whole session rows (an upsert: writing a session again replaces its row, its operators and
 * its quality) and alert transitions (written once). Statements are prepared once per connection.
 */
final class SessionWriter implements AutoCloseable {

    private static final String SESSION = """
            INSERT INTO sessions (id, started_ms, ended_ms, duration_s, robot_type, end_reason, end_kind, end_detail,
                                  max_confidence, detectors, heartbeat_ms, robot_id, active_ms, stall_count,
                                  stall_worst_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET started_ms = excluded.started_ms, ended_ms = excluded.ended_ms,
                duration_s = excluded.duration_s, robot_type = excluded.robot_type, end_reason = excluded.end_reason,
                end_kind = excluded.end_kind, end_detail = excluded.end_detail,
                max_confidence = excluded.max_confidence, detectors = excluded.detectors,
                heartbeat_ms = excluded.heartbeat_ms, robot_id = excluded.robot_id, active_ms = excluded.active_ms,
                stall_count = excluded.stall_count, stall_worst_ms = excluded.stall_worst_ms""";
    private static final String OPERATOR = """
            INSERT INTO session_operators (session_id, operator_id, operator_name, source, detail, first_ms, last_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, operator_id) DO UPDATE SET operator_name = excluded.operator_name,
                source = excluded.source, detail = excluded.detail, first_ms = excluded.first_ms,
                last_ms = excluded.last_ms""";
    private static final String QUALITY = """
            INSERT INTO session_quality (session_id, metric, mean, min, max, p95, samples)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, metric) DO UPDATE SET mean = excluded.mean, min = excluded.min,
                max = excluded.max, p95 = excluded.p95, samples = excluded.samples""";
    private static final String ALERT = """
            INSERT OR IGNORE INTO alerts (session_id, at_ms, rule, subject, severity, status, event, value, threshold,
                                          message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final PreparedStatement session;
    private final PreparedStatement operator;
    private final PreparedStatement quality;
    private final PreparedStatement alert;

    SessionWriter(Connection connection) throws SQLException {
        session = connection.prepareStatement(SESSION);
        operator = connection.prepareStatement(OPERATOR);
        quality = connection.prepareStatement(QUALITY);
        alert = connection.prepareStatement(ALERT);
    }

    void write(SessionRow row) throws SQLException {
        LedgerSession ledger = row.session();
        SessionRecord record = ledger.session();
        EndReason reason = record.endReason();
        session.setString(1, record.id());
        Columns.instant(session, 2, record.start());
        Columns.instant(session, 3, record.end());
        session.setDouble(4, record.duration().toMillis() / 1000.0);
        session.setString(5, record.robotType());
        session.setString(6, reason == null ? null : reason.kind().category());
        session.setString(7, reason == null ? null : reason.kind().wireName());
        session.setString(8, reason == null ? null : reason.detail());
        session.setInt(9, ledger.maxConfidence());
        session.setString(10, String.join(",", ledger.detectors()));
        Columns.instant(session, 11, row.heartbeat());
        session.setString(12, ledger.robotId());
        Columns.instant(session, 13, row.active());
        if (ledger.stalls().counted()) {
            session.setLong(14, ledger.stalls().count());
        } else {
            session.setNull(14, Types.INTEGER);
        }
        Columns.number(session, 15, ledger.stalls().worstMs());
        session.executeUpdate();
        for (SessionOperator seen : ledger.operators()) {
            operator.setString(1, record.id());
            operator.setString(2, seen.operator().id());
            operator.setString(3, seen.operator().name());
            operator.setString(4, seen.operator().source().name().toLowerCase(Locale.ROOT));
            operator.setString(5, seen.operator().detail());
            Columns.instant(operator, 6, seen.firstSeen());
            Columns.instant(operator, 7, seen.lastSeen());
            operator.executeUpdate();
        }
        for (Map.Entry<String, Quality> e : ledger.quality().entrySet()) {
            Quality q = e.getValue();
            quality.setString(1, record.id());
            quality.setString(2, e.getKey());
            Columns.number(quality, 3, q.mean());
            Columns.number(quality, 4, q.min());
            Columns.number(quality, 5, q.max());
            Columns.number(quality, 6, q.p95());
            quality.setLong(7, q.samples());
            quality.executeUpdate();
        }
    }

    void write(AlertRow row) throws SQLException {
        Alert a = row.alert();
        alert.setString(1, row.sessionId());
        Columns.instant(alert, 2, a.timestamp());
        alert.setString(3, a.rule());
        alert.setString(4, a.subject());
        alert.setString(5, a.severity().name().toLowerCase(Locale.ROOT));
        alert.setString(6, a.state().name().toLowerCase(Locale.ROOT));
        alert.setString(7, a.eventType().wireName());
        Columns.number(alert, 8, a.value());
        Columns.number(alert, 9, a.threshold());
        alert.setString(10, a.message());
        alert.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : new PreparedStatement[] {session, operator, quality, alert}) {
            statement.close();
        }
    }
}
