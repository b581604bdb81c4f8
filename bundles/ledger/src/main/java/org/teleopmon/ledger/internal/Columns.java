package org.teleopmon.ledger.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** JDBC values as the schema keeps them: instants as epoch milliseconds, unknown numbers as NULL. */
final class Columns {

    private Columns() {
    }

    static void instant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    static void number(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.REAL);
        }
    }

    static Instant instant(ResultSet result, String column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    static double number(ResultSet result, String column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? Double.NaN : value;
    }

    static String text(ResultSet result, String column) throws SQLException {
        String value = result.getString(column);
        return value == null ? "" : value;
    }
}
