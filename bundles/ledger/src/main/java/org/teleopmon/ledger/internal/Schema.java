package org.teleopmon.ledger.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The file's layout, versioned with {@code PRAGMA user_version}: script {@code schema/N.sql} brings
 * version N-1 to N, in one transaction with the version bump. Only forward: a file of a newer version
 * is refused, never changed.
 */
final class Schema {

    static final int VERSION = 2;

    private Schema() {
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            return result.getInt(1);
        }
    }

    /** Applies every script above the file's version up to {@code target}; returns the version it had. */
    static int migrate(Connection connection, int target) throws SQLException {
        int from = version(connection);
        for (int version = from + 1; version <= target; version++) {
            apply(connection, version);
        }
        return from;
    }

    private static void apply(Connection connection, int version) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script(version))) {
                statement.executeUpdate(sql);
            }
            statement.executeUpdate("PRAGMA user_version = " + version);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    static String script(int version) {
        try (InputStream in = Schema.class.getResourceAsStream("schema/" + version + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("schema/" + version + ".sql is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a script: comment lines dropped, split at the semicolons that end a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
