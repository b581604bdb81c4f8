package org.teleopmon.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;

/**
 * Usage totals in SQL. clients/python/teleop_ledger.py runs the same statements; UsageAgreementTest
 * holds the two to the same answer.
 */
final class UsageQuery {

    private record Grouping(String key, String label, String from) {
    }

    private static final String SESSIONS = "sessions s";
    private static final String WITH_OPERATORS = "sessions s LEFT JOIN session_operators o ON o.session_id = s.id";

    private UsageQuery() {
    }

    private static Grouping grouping(UsageGrouping by) {
        return switch (by) {
            case OPERATOR -> new Grouping("COALESCE(o.operator_id, '')", "COALESCE(o.operator_name, 'unknown')",
                    WITH_OPERATORS);
            case DAY -> new Grouping("strftime('%Y-%m-%d', s.started_ms / 1000, 'unixepoch')",
                    "strftime('%Y-%m-%d', s.started_ms / 1000, 'unixepoch')", SESSIONS);
            case ROBOT -> new Grouping("s.robot_id", "s.robot_type", SESSIONS);
        };
    }

    /** Totals per group; the label is the one of the group's latest session (SQLite's bare column of MAX). */
    static String totalsSql(UsageGrouping by) {
        Grouping g = grouping(by);
        return "SELECT " + g.key + " AS k, " + g.label + " AS label, MAX(s.started_ms) AS latest, COUNT(*) AS n, "
                + "TOTAL(s.duration_s) AS seconds FROM " + g.from + " WHERE s.started_ms >= ? AND s.started_ms < ? "
                + "GROUP BY k ORDER BY " + (by == UsageGrouping.DAY ? "k" : "seconds DESC, k");
    }

    /** Per group and metric, the sessions' means weighted by their samples. */
    static String qualitySql(UsageGrouping by) {
        Grouping g = grouping(by);
        return "SELECT " + g.key + " AS k, q.metric AS metric, TOTAL(q.mean * q.samples) / TOTAL(q.samples) AS mean "
                + "FROM " + g.from + " JOIN session_quality q ON q.session_id = s.id "
                + "WHERE s.started_ms >= ? AND s.started_ms < ? AND q.samples > 0 AND q.mean IS NOT NULL "
                + "GROUP BY k, q.metric";
    }

    static List<UsageTotal> run(Connection connection, Instant from, Instant to, UsageGrouping by) throws SQLException {
        Map<String, Map<String, Double>> quality = new HashMap<>();
        try (PreparedStatement statement = bind(connection.prepareStatement(qualitySql(by)), from, to);
                ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                quality.computeIfAbsent(r.getString("k"), k -> new HashMap<>()).put(r.getString("metric"),
                        r.getDouble("mean"));
            }
        }
        List<UsageTotal> totals = new ArrayList<>();
        try (PreparedStatement statement = bind(connection.prepareStatement(totalsSql(by)), from, to);
                ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                String key = r.getString("k");
                totals.add(new UsageTotal(key, r.getString("label"), r.getLong("n"),
                        Duration.ofMillis(Math.round(r.getDouble("seconds") * 1000)),
                        quality.getOrDefault(key, Map.of())));
            }
        }
        return totals;
    }

    private static PreparedStatement bind(PreparedStatement statement, Instant from, Instant to) throws SQLException {
        statement.setLong(1, from == null ? Long.MIN_VALUE : from.toEpochMilli());
        statement.setLong(2, to == null ? Long.MAX_VALUE : to.toEpochMilli());
        return statement;
    }
}
