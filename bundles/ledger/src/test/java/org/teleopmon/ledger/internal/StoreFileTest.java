package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.teleopmon.ledger.internal.Drive.ALICE;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.testsupport.TestClock;

/** The file's life: layouts migrated forward, a newer one left alone, damaged ones moved aside, old rows retired. */
class StoreFileTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private Path file() {
        return dir.resolve("usage.db");
    }

    @Test
    void aVersion1FileIsMigratedAndKeepsItsRows() throws Exception {
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement()) {
            Schema.migrate(c, 1);
            s.executeUpdate("INSERT INTO sessions (id, started_ms, ended_ms, duration_s, robot_type, end_reason, "
                    + "end_kind, end_detail, max_confidence, detectors, heartbeat_ms) VALUES ('old', 1000, 61000, 60.0, "
                    + "'xle', 'idle', 'idle', 'faded', 80, 'zmq', 61000)");
            s.executeUpdate("INSERT INTO session_operators VALUES ('old', '10.0.0.7', 'alice', 'network_peer', '', "
                    + "1000, 61000)");
            s.executeUpdate("INSERT INTO session_quality VALUES ('old', 'latency_ms', 12.0, 5.0, 30.0, 25.0, 120)");
        }
        ledger = Drive.ledger(file(), clock);

        LedgerSession old = ledger.session("old").orElseThrow();
        assertThat(old.session().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(old.session().endReason().kind()).isEqualTo(EndReason.Kind.IDLE);
        assertThat(old.operators()).extracting(o -> o.operator().name()).containsExactly("alice");
        assertThat(old.quality().get("latency_ms").p95()).isEqualTo(25.0);
        assertThat(old.robotId()).isEmpty();
        assertThat(old.stalls().counted()).isFalse();
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT active_ms FROM sessions WHERE id = 'old'")) {
            assertThat(r.getLong(1)).as("active_ms filled from heartbeat_ms").isEqualTo(61000);
            assertThat(Schema.version(c)).isEqualTo(Schema.VERSION);
        }
        Drive.session(ledger, "new", T0, 5, ALICE, EndReason.Kind.IDLE);
        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).extracting(LedgerSession::id)
                .containsExactly("new", "old");
    }

    @Test
    void aFileOfANewerLayoutIsRefusedAndLeftAsItIs() throws Exception {
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE future (x)");
            s.executeUpdate("PRAGMA user_version = 99");
        }
        Path before = Files.copy(file(), dir.resolve("before.copy"));
        ledger = Drive.ledger(file(), clock);
        await().until(() -> ledger.health().status() == Health.Status.CRITICAL);
        assertThat(ledger.health().message()).contains("layout 99, newer than this monitor's " + Schema.VERSION)
                .contains("set path of org.teleopmon.ledger");
        Drive.session(ledger, "s1", T0, 5, ALICE, EndReason.Kind.IDLE);
        ledger.close();
        ledger = null;
        assertThat(Files.mismatch(file(), before)).as("the file is unchanged").isEqualTo(-1);
        assertThat(siblings()).containsExactly("before.copy", "usage.db");
    }

    @Test
    void aFileThatIsNoDatabaseIsMovedAsideNeverDeleted() throws Exception {
        Files.writeString(file(), "this is not SQLite, it is a text file someone put here\n".repeat(100));
        Path garbage = Files.copy(file(), dir.resolve("garbage.copy"));
        ledger = Drive.ledger(file(), clock);
        Drive.session(ledger, "s1", T0, 5, ALICE, EndReason.Kind.IDLE);

        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).extracting(LedgerSession::id).containsExactly("s1");
        Path aside = dir.resolve(siblings().stream().filter(n -> n.contains(".corrupt-")).findFirst().orElseThrow());
        assertThat(aside.getFileName().toString()).isEqualTo("usage.db.corrupt-20261201T090000Z");
        assertThat(Files.mismatch(aside, garbage)).as("moved aside unchanged").isEqualTo(-1);
        assertThat(ledger.health().status()).isEqualTo(Health.Status.WARN);
        assertThat(ledger.health().message()).contains("moved to " + aside).contains(".recover");
    }

    @Test
    void aDatabaseWithDamagedPagesIsMovedAsideWithItsJournal() throws Exception {
        ledger = Drive.ledger(file(), clock);
        for (int i = 0; i < 300; i++) {
            Drive.session(ledger, "s" + i, T0.plusSeconds(60L * i), 30, ALICE, EndReason.Kind.IDLE);
        }
        assertThat(ledger.sessions(SessionQuery.latest(1)).sessions()).hasSize(1);
        ledger.close();
        long size = Files.size(file());
        assertThat(size).isGreaterThan(8 * 4096);
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            for (long page = 2; page < size / 4096; page += 2) {
                raf.seek(page * 4096 + 8);
                raf.write("garbage where a b-tree page was".repeat(20).getBytes(StandardCharsets.US_ASCII));
            }
        }
        Path damaged = Files.copy(file(), dir.resolve("damaged.copy"));

        ledger = Drive.ledger(file(), clock);
        Drive.session(ledger, "fresh", T0, 5, ALICE, EndReason.Kind.IDLE);
        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).extracting(LedgerSession::id)
                .containsExactly("fresh");
        assertThat(ledger.health().message()).contains("damaged");
        Path aside = dir.resolve(siblings().stream().filter(n -> n.endsWith("Z")).findFirst().orElseThrow());
        assertThat(Files.mismatch(aside, damaged)).as("moved aside unchanged").isEqualTo(-1);
    }

    @Test
    void retentionDeletesOldRowsInSmallStepsOnTheWriterThread() throws Exception {
        ledger = Ledger.start(new Settings(file(), Duration.ofDays(30), Duration.ofMillis(100), 100), clock,
                () -> null, () -> null);
        for (int i = 0; i < 350; i++) {
            Drive.session(ledger, String.format("old%03d", i), T0.plusSeconds(60L * i), 30, ALICE, EndReason.Kind.IDLE);
        }
        Drive.session(ledger, "recent", T0.plus(Duration.ofDays(40)), 30, ALICE, EndReason.Kind.IDLE);
        assertThat(ledger.sessions(SessionQuery.latest(1000)).sessions()).hasSize(351);

        clock.set(T0.plus(Duration.ofDays(45)));
        long before = ledger.retentionSteps();
        ledger.retainNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.sessions(SessionQuery.latest(1000)).sessions().size() == 1);
        assertThat(ledger.retentionSteps() - before).as("350 rows, 100 a step").isEqualTo(4);
        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).extracting(LedgerSession::id)
                .containsExactly("recent");
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM session_operators")) {
            assertThat(r.getInt(1)).as("operators of deleted sessions go with them").isEqualTo(1);
        }
    }

    private List<String> siblings() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm"))
                    .sorted().toList();
        }
    }
}
