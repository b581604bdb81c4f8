package org.teleopmon.ledger.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.Operator;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.TestClock;

/**
 * The usage ledger's costs on a real SQLite file (WAL, synchronous=NORMAL) in a directory given as the
 * first argument (default: a new one under /tmp): one heartbeat on the writer thread; the ledger's CPU
 * over a live session (heartbeat 0.5 s, state updates at 10 Hz) in real time; the file's size per
 * 1,000 sessions; {@code /usage} and a first page of {@code /sessions} over 100,000 sessions.
 *
 * <pre>benchmarks/run ledger [DIR] [LIVE_SECONDS] [SESSIONS]</pre>
 */
public final class LedgerBenchmark {

    private static final Instant T0 = Instant.parse("2025-12-07T00:00:00Z");

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ledger-bench");
        int liveSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Files.createDirectories(dir);
        System.out.printf("ledger benchmark in %s (%s, %d cores)%n", dir, System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
        try {
            heartbeats(dir.resolve("heartbeat.db"));
            liveCpu(dir.resolve("live.db"), liveSeconds);
            manySessions(dir.resolve("many.db"), sessions);
        } finally {
            if (args.length == 0) {
                ChildProcess.deleteTree(dir);
            }
        }
    }

    /** One heartbeat of a running session: sample the state, update its rows, commit. */
    private static void heartbeats(Path file) throws Exception {
        TestClock clock = new TestClock(T0);
        RunningEngine engine = new RunningEngine();
        try (Ledger ledger = Ledger.start(new Settings(file, Duration.ZERO, Duration.ofSeconds(1), 500), clock,
                () -> engine, () -> null)) {
            SessionRecord open = start(ledger, engine, clock, "hb");
            int n = 5000;
            long[] nanos = new long[n];
            for (int i = -500; i < n; i++) {
                clock.advanceMillis(500);
                engine.state = Drive.active(clock.instant(), open.start(), Drive.ALICE, 10 + i % 7);
                long t = ledger.heartbeatNow();
                if (i >= 0) {
                    nanos[i] = t;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "heartbeat (writer thread, commit included) over %d: p50 %.0f us, p99 %.0f us, "
                    + "max %.0f us, mean %.0f us%n", n, nanos[n / 2] / 1e3, nanos[n * 99 / 100] / 1e3, nanos[n - 1] / 1e3,
                    Arrays.stream(nanos).average().orElse(0) / 1e3);
        }
    }

    /** The ledger's CPU in real time during a live session: its writer thread plus its onEvent calls. */
    private static void liveCpu(Path file, int seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RunningEngine engine = new RunningEngine();
        Clock clock = Clock.systemUTC();
        try (Ledger ledger = Ledger.start(Settings.at(file), clock, () -> engine, () -> null)) {
            Instant start = clock.instant();
            engine.state = Drive.active(start, start, Drive.ALICE, 10);
            SessionRecord open = Drive.open("live", start, Drive.ALICE);
            engine.sessions = List.of(open);
            ledger.onEvent(Drive.started(open, engine.state));
            Thread.sleep(1000);
            long writer = writerThread(threads);
            long writerCpu0 = threads.getThreadCpuTime(writer);
            long eventNanos = 0;
            long wall0 = System.nanoTime();
            long end = wall0 + seconds * 1_000_000_000L;
            int i = 0;
            while (System.nanoTime() < end) {
                TeleopState state = Drive.active(clock.instant(), start, Drive.ALICE, 10 + i++ % 13);
                engine.state = state;
                TeleopEvent update = TeleopEvent.stateUpdate(state);
                long t = threads.getCurrentThreadCpuTime();
                ledger.onEvent(update);
                eventNanos += threads.getCurrentThreadCpuTime() - t;
                Thread.sleep(100);
            }
            long wall = System.nanoTime() - wall0;
            long writerCpu = threads.getThreadCpuTime(writer) - writerCpu0;
            System.out.printf(Locale.ROOT, "live session %d s (heartbeat 0.5 s, %d state updates): writer thread %.3f %% "
                    + "of a core, onEvent %.3f %% of a core, together %.3f %%%n", seconds, i, 100.0 * writerCpu / wall,
                    100.0 * eventNanos / wall, 100.0 * (writerCpu + eventNanos) / wall);
        }
    }

    private static long writerThread(ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(t -> t != null && t.getThreadName().equals("teleop-ledger-writer")).findFirst()
                .orElseThrow().getThreadId();
    }

    /**
     * {@code sessions} sessions told to the ledger as the engine tells them (started, three heartbeats of
     * sampled quality, an operator among 20, stopped), 5 minutes apart; then the file's size and queries.
     */
    private static void manySessions(Path file, int sessions) throws Exception {
        TestClock clock = new TestClock(T0);
        RunningEngine engine = new RunningEngine();
        Operator[] operators = new Operator[20];
        for (int i = 0; i < operators.length; i++) {
            operators[i] = new Operator("10.0.1." + i, "operator-" + i, IdentitySource.NETWORK_PEER, "zmq 5555");
        }
        try (Ledger ledger = Ledger.start(new Settings(file, Duration.ZERO, Duration.ofSeconds(1), 500), clock,
                () -> engine, () -> null)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                Operator operator = operators[i % operators.length];
                Instant start = T0.plus(Duration.ofMinutes(5L * i));
                clock.set(start);
                SessionRecord open = Drive.open("s" + i, start, operator);
                engine.state = Drive.active(start, start, operator, 10 + i % 17);
                engine.sessions = List.of(open);
                ledger.onEvent(Drive.started(open, engine.state));
                for (int beat = 0; beat < 3; beat++) {
                    clock.advanceMillis(500);
                    engine.state = Drive.active(clock.instant(), start, operator, 10 + (i + beat) % 17);
                    ledger.heartbeatNow();
                }
                clock.advanceMillis(30_000 + i % 60_000);
                // The engine is idle before it reports the end, or a real-time heartbeat in between would pick
                // the session up again as running.
                engine.sessions = List.of();
                engine.state = TeleopState.idle("lekiwi", clock.instant());
                ledger.onEvent(Drive.stopped(open, clock.instant(), i % 3 == 0 ? EndReason.Kind.ROBOT_CLOSED
                        : EndReason.Kind.IDLE));
                if (i == 999) {
                    System.out.printf(Locale.ROOT, "file after 1,000 sessions (WAL checkpointed): %.1f KiB%n",
                            checkpointed(ledger, file) / 1024.0);
                }
            }
            double written = (System.nanoTime() - t0) / 1e9;
            long size = checkpointed(ledger, file);
            System.out.printf(Locale.ROOT, "%d sessions written in %.1f s; file %.1f MiB, %.1f KiB per 1,000 sessions%n",
                    sessions, written, size / 1048576.0, size / 1024.0 / (sessions / 1000.0));
            for (UsageGrouping by : UsageGrouping.values()) {
                long[] nanos = new long[7];
                int groups = 0;
                for (int r = 0; r < nanos.length; r++) {
                    long t = System.nanoTime();
                    groups = ledger.usage(null, null, by).size();
                    nanos[r] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "/usage?by=%s over %d sessions (%d groups): median %.1f ms, max %.1f ms%n",
                        by.wireName(), sessions, groups, nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
            }
            long t = System.nanoTime();
            Instant monthAgo = clock.instant().minus(Duration.ofDays(30));
            int month = ledger.usage(monthAgo, null, UsageGrouping.OPERATOR).size();
            System.out.printf(Locale.ROOT, "/usage?by=operator&from=<30 days ago> (%d groups): %.1f ms%n", month,
                    (System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            int page = ledger.sessions(SessionQuery.latest(50)).sessions().size();
            System.out.printf(Locale.ROOT, "/sessions first page of %d: %.1f ms%n", page, (System.nanoTime() - t) / 1e6);
        }
    }

    private static SessionRecord start(Ledger ledger, RunningEngine engine, TestClock clock, String id) {
        SessionRecord open = Drive.open(id, clock.instant(), Drive.ALICE);
        engine.state = Drive.active(clock.instant(), clock.instant(), Drive.ALICE, 10);
        engine.sessions = List.of(open);
        ledger.onEvent(Drive.started(open, engine.state));
        return open;
    }

    /** The main file's size once the WAL is checkpointed into it. */
    private static long checkpointed(Ledger ledger, Path file) throws Exception {
        ledger.sessions(SessionQuery.latest(1)); // waits for pending writes
        try (var c = Drive.jdbc(file); var s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return Files.size(file);
    }
}
