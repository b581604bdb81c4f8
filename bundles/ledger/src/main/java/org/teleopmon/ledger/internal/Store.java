package org.teleopmon.ledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite file: one connection for writes (WAL, synchronous NORMAL: a killed process loses no
 * committed transaction), short-lived read-only connections for queries, so readers never block the
 * writer. Writes happen on one thread; reads on any.
 */
final class Store implements AutoCloseable {

    /** A query on a read-only connection. */
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int BUSY_TIMEOUT_MS = 5000;

    private final Path path;
    private final Clock clock;
    private Connection connection;
    private SessionWriter writer;

    Store(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    Path path() {
        return path;
    }

    boolean isOpen() {
        return connection != null;
    }

    /**
     * Opens the file, creating it and its directory, and brings its layout to {@link Schema#VERSION}. A
     * damaged file is moved aside and a new one started.
     *
     * @return where a damaged file was moved, or {@code null}
     */
    Path open() throws StoreException {
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw StoreException.of(e, path, "create");
        }
        Path aside = null;
        try {
            connect();
        } catch (StoreException e) {
            if (e.kind != StoreException.Kind.CORRUPT) {
                throw e;
            }
            aside = moveAside();
            connect();
        }
        return aside;
    }

    private void connect() throws StoreException {
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.enforceForeignKeys(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            Connection opened = config.createConnection("jdbc:sqlite:" + path);
            try {
                check(opened);
                int version = Schema.version(opened);
                if (version > Schema.VERSION) {
                    throw new StoreException(StoreException.Kind.NEWER, "the ledger file " + path + " has layout "
                            + version + ", newer than this monitor's " + Schema.VERSION + "; upgrade the monitor, or "
                            + "set path of org.teleopmon.ledger to another file (this one is left as it is)", null);
                }
                // Only now, when the file is known to be ours: WAL changes the file's header.
                try (Statement statement = opened.createStatement()) {
                    statement.execute("PRAGMA journal_mode = WAL");
                    statement.execute("PRAGMA synchronous = NORMAL");
                }
                Schema.migrate(opened, Schema.VERSION);
                opened.setAutoCommit(false);
                writer = new SessionWriter(opened);
                connection = opened;
            } catch (SQLException | StoreException | RuntimeException e) {
                opened.close();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.of(e, path, "open");
        }
    }

    /** SQLite checks pages only when it reads them: look at every one now rather than fail later. */
    private void check(Connection opened) throws SQLException, StoreException {
        try (Statement statement = opened.createStatement(); ResultSet r = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = r.next() ? r.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new StoreException(StoreException.Kind.CORRUPT, "the ledger file " + path + " is damaged ("
                        + verdict + ")", null);
            }
        }
    }

    /** Renames the file and its WAL companions to {@code <file>.corrupt-<UTC time>}; never deletes them. */
    Path moveAside() throws StoreException {
        closeQuietly();
        Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + ASIDE.format(clock.instant()));
        try {
            for (String suffix : new String[] {"-wal", "-shm", ""}) {
                Path from = path.resolveSibling(path.getFileName() + suffix);
                if (Files.exists(from)) {
                    Files.move(from, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw StoreException.of(e, path, "move aside");
        }
        return aside;
    }

    /** Writes the batch in one transaction; on failure nothing of it is written. */
    void write(Batch batch) throws StoreException {
        try {
            for (SessionRow row : batch.sessions()) {
                writer.write(row);
            }
            for (AlertRow row : batch.alerts()) {
                writer.write(row);
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw StoreException.of(e, path, "write");
        }
    }

    /** Deletes up to {@code limit} ended sessions and up to {@code limit} alerts older than {@code cutoff}. */
    int deleteBefore(Instant cutoff, int limit) throws StoreException {
        try (PreparedStatement sessions = connection.prepareStatement("DELETE FROM sessions WHERE id IN (SELECT id "
                + "FROM sessions WHERE ended_ms IS NOT NULL AND ended_ms < ? ORDER BY ended_ms LIMIT ?)");
                PreparedStatement alerts = connection.prepareStatement("DELETE FROM alerts WHERE id IN (SELECT id "
                        + "FROM alerts WHERE at_ms < ? ORDER BY at_ms LIMIT ?)")) {
            int deleted = 0;
            for (PreparedStatement statement : new PreparedStatement[] {sessions, alerts}) {
                statement.setLong(1, cutoff.toEpochMilli());
                statement.setInt(2, limit);
                deleted += statement.executeUpdate();
            }
            connection.commit();
            return deleted;
        } catch (SQLException e) {
            rollbackQuietly();
            throw StoreException.of(e, path, "clean up");
        }
    }

    /** Runs {@code query} on a new read-only connection: WAL readers see the last commit and block nobody. */
    <T> T read(Query<T> query) throws StoreException {
        if (!Files.exists(path)) {
            throw new StoreException(StoreException.Kind.OTHER, "the ledger file " + path + " does not exist yet", null);
        }
        try {
            return read(query, "jdbc:sqlite:" + path);
        } catch (SQLException e) {
            if (!readOnlyFileSystem()) {
                throw StoreException.of(e, path, "read");
            }
        }
        // A WAL file closed cleanly has no -shm, and none can be made on a read-only file system; but
        // nothing can change the file there either, so it is read as immutable.
        try {
            return read(query, "jdbc:sqlite:file:" + path + "?immutable=1");
        } catch (SQLException e) {
            throw StoreException.of(e, path, "read");
        }
    }

    private static <T> T read(Query<T> query, String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try (Connection reader = config.createConnection(url)) {
            return query.run(reader);
        }
    }

    private boolean readOnlyFileSystem() {
        try {
            return Files.getFileStore(path).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code query} on the writer's connection (the writer's thread only). */
    <T> T readForWrite(Query<T> query) throws StoreException {
        try {
            T result = query.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw StoreException.of(e, path, "read");
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (writer != null) {
                writer.close();
            }
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            // closing a connection whose file went away: nothing left to release
        } finally {
            writer = null;
            connection = null;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the transaction is gone with the failure
        }
    }
}
