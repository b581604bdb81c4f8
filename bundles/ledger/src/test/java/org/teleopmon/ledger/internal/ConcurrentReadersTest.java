package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.ledger.internal.Drive.ALICE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;

/** Readers of the file (the ledger's own queries and another connection, as Python's) while sessions are written. */
class ConcurrentReadersTest {

    @TempDir
    Path dir;

    @Test
    void readersSeeEverySessionOnceAndNeverBlockTheWriter() throws Exception {
        Path file = dir.resolve("usage.db");
        int sessions = 400;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        try (Ledger ledger = Ledger.start(new Settings(file, Duration.ofDays(365), Duration.ofMillis(100), 500),
                Clock.systemUTC(), () -> null, () -> null)) {
            Drive.session(ledger, "first", Instant.EPOCH.plusSeconds(1), 1, ALICE, EndReason.Kind.IDLE);
            ledger.sessions(SessionQuery.latest(1));
            Thread api = reader("api", writing, failures, () -> {
                long seen = ledger.usage(null, null, UsageGrouping.OPERATOR).stream().mapToLong(UsageTotal::sessions)
                        .sum();
                reads.incrementAndGet();
                return seen;
            });
            SQLiteConfig readOnly = new SQLiteConfig();
            readOnly.setReadOnly(true);
            Thread other = reader("jdbc", writing, failures, () -> {
                try (Connection c = readOnly.createConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sessions WHERE ended_ms IS NOT NULL")) {
                    reads.incrementAndGet();
                    return r.getLong(1);
                }
            });
            long start = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                Drive.session(ledger, String.format("s%04d", i), Instant.EPOCH.plusSeconds(100L * (i + 1)), 60, ALICE,
                        EndReason.Kind.IDLE);
                Thread.sleep(2);
            }
            long writeNanos = System.nanoTime() - start;
            assertThat(ledger.sessions(SessionQuery.latest(1000)).sessions()).hasSize(sessions + 1);
            writing.set(false);
            api.join(10_000);
            other.join(10_000);
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isGreaterThan(20);
            assertThat(ledger.counters().failedWrites()).isZero();
            assertThat(Duration.ofNanos(writeNanos)).isLessThan(Duration.ofSeconds(60));
        }
    }

    private interface Count {
        long get() throws Exception;
    }

    /** Reads until writing stops; a count that goes down, or any exception, is a failure. */
    private static Thread reader(String name, AtomicBoolean writing, List<Throwable> failures, Count count) {
        Thread thread = new Thread(() -> {
            long last = 0;
            try {
                while (writing.get()) {
                    long now = count.get();
                    if (now < last) {
                        failures.add(new AssertionError(name + " saw " + now + " sessions after " + last));
                    }
                    last = now;
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        thread.start();
        return thread;
    }
}
