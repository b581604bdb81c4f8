package org.teleopmon.ledger.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerCounters;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionPage;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageLedger;
import org.teleopmon.api.usage.UsageTotal;

/**
 * The usage ledger without OSGi: events in, SQLite file out, queries answered from the file and the
 * running session. One writer thread owns the file: it opens it (retrying with back-off while it
 * cannot), closes sessions a crash left open, writes the running session every heartbeat and what
 * events changed at once, and deletes old rows in small steps. Tests and benchmarks use it directly.
 */
public final class Ledger implements UsageLedger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    /**
     * A {@code MetricSummary} of this name (any detector's, any tags) gives the worst command gap while the
     * engine has not measured the session's stalls itself.
     */
    static final String COMMAND_GAP = "command_gap_max_ms";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final long QUERY_WAIT_MS = 2000;

    private final Settings settings;
    private final Clock clock;
    private final Supplier<TeleopMonitor> monitor;
    private final Supplier<MetricsCollector> metrics;
    private final Store store;
    private final Counters counters = new Counters();
    private final Recorder recorder;
    private final LedgerHealth health = new LedgerHealth();
    private final ScheduledExecutorService writer;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicLong retentionSteps = new AtomicLong();
    private volatile boolean closed;
    private volatile Thread writerThread;
    private Instant nextOpen = Instant.EPOCH;
    private Duration backoff = Duration.ofSeconds(1);

    private Ledger(Settings settings, Clock clock, Supplier<TeleopMonitor> monitor, Supplier<MetricsCollector> metrics,
            Supplier<RobotIdentity> identity) {
        this.settings = settings;
        this.clock = clock;
        this.monitor = monitor;
        this.metrics = metrics;
        this.store = new Store(settings.path(), clock);
        String host = hostName();
        // the site's robot id (issue 21's RobotIdentity) when that bundle runs, else the host name
        this.recorder = new Recorder(() -> {
            RobotIdentity robot = identity.get();
            return robot == null ? host : robot.robotId();
        }, counters);
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "teleop-ledger-writer");
            thread.setDaemon(true);
            writerThread = thread;
            return thread;
        });
    }

    /**
     * Starts a ledger on {@code settings.path()}. {@code monitor} and {@code metrics} give the engine and
     * the metrics collector when they run ({@code null} otherwise): the ledger samples the state from
     * the one and the worst command gap from the other on each heartbeat.
     */
    public static Ledger start(Settings settings, Clock clock, Supplier<TeleopMonitor> monitor,
            Supplier<MetricsCollector> metrics) {
        return start(settings, clock, monitor, metrics, () -> null);
    }

    /** As {@link #start(Settings, Clock, Supplier, Supplier)}, with the robot's id from {@code identity} when present. */
    public static Ledger start(Settings settings, Clock clock, Supplier<TeleopMonitor> monitor,
            Supplier<MetricsCollector> metrics, Supplier<RobotIdentity> identity) {
        Ledger ledger = new Ledger(settings, clock, monitor, metrics, identity);
        long beat = settings.heartbeat().toNanos();
        ledger.writer.execute(ledger::ensureOpen);
        ledger.writer.scheduleAtFixedRate(ledger::heartbeat, beat, beat, TimeUnit.NANOSECONDS);
        if (!settings.retention().isZero()) {
            long every = Settings.RETENTION_EVERY.toNanos();
            ledger.writer.scheduleWithFixedDelay(ledger::retention, Math.min(every, TimeUnit.MINUTES.toNanos(1)),
                    every, TimeUnit.NANOSECONDS);
        }
        return ledger;
    }

    /** Takes an event at once, without I/O; what it changed is written on the writer thread. */
    public void onEvent(TeleopEvent event) {
        if (closed) {
            return;
        }
        recorder.event(event, clock.instant());
        if (event.session() != null || event.alert() != null) {
            requestFlush();
        }
    }

    public Health health() {
        return health.health(recorder.waiting());
    }

    @Override
    public SessionPage sessions(SessionQuery query) {
        awaitWrites();
        List<SessionRow> rows = read(c -> SessionReader.page(c, query));
        LedgerSession live = recorder.live(clock.instant());
        List<LedgerSession> page = new ArrayList<>(rows.size() + 1);
        rows.stream().map(SessionRow::session).filter(s -> live == null || !s.id().equals(live.id())).forEach(page::add);
        if (live != null && query.cursor() == null && matches(live, query)) {
            page.add(0, live);
        }
        if (page.size() <= query.limit()) {
            return new SessionPage(page, null);
        }
        List<LedgerSession> shown = page.subList(0, query.limit());
        SessionRecord last = shown.get(shown.size() - 1).session();
        return new SessionPage(shown, new Cursor(last.start().toEpochMilli(), last.id()).encode());
    }

    @Override
    public Optional<LedgerSession> session(String id) {
        LedgerSession live = recorder.live(clock.instant());
        if (live != null && live.id().equals(id)) {
            return Optional.of(live);
        }
        awaitWrites();
        return read(c -> SessionReader.one(c, id)).map(SessionRow::session);
    }

    @Override
    public List<UsageTotal> usage(Instant from, Instant to, UsageGrouping by) {
        awaitWrites();
        return read(c -> UsageQuery.run(c, from, to, by));
    }

    @Override
    public LedgerCounters counters() {
        return counters.snapshot(recorder.waiting());
    }

    public Path path() {
        return settings.path();
    }

    long retentionSteps() {
        return retentionSteps.get();
    }

    /** Runs one heartbeat on the writer thread now; returns what it cost there, in nanoseconds (the benchmark's). */
    long heartbeatNow() throws InterruptedException, ExecutionException {
        return writer.submit(() -> {
            long t0 = System.nanoTime();
            heartbeat();
            return System.nanoTime() - t0;
        }).get();
    }

    /** Runs retention now instead of at its next hour. */
    void retainNow() {
        writer.execute(this::retention);
    }

    /** Ends a running session as {@code monitor_stopped}, writes what waits, closes the file. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.submit(() -> {
                Instant now = clock.instant();
                recorder.closeOpen(EndReason.of(EndReason.Kind.MONITOR_STOPPED, "the usage ledger was stopped during "
                        + "the session", now), now, now);
                ensureOpen();
                flush();
                store.close();
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Usage ledger: could not write the last rows before stopping ({})", e.toString());
        } finally {
            writer.shutdownNow();
        }
    }

    private static boolean matches(LedgerSession session, SessionQuery query) {
        SessionRecord record = session.session();
        return (query.from() == null || !record.start().isBefore(query.from()))
                && (query.to() == null || record.start().isBefore(query.to()))
                && (query.operator() == null || record.operators().stream()
                        .anyMatch(o -> o.id().equals(query.operator()) || o.name().equals(query.operator())))
                && (query.robot() == null || query.robot().equals(session.robotId())
                        || query.robot().equals(record.robotType()));
    }

    private <T> T read(Store.Query<T> query) {
        try {
            return store.read(query);
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Read-your-writes for callers: what events changed is written before a query reads the file. */
    private void awaitWrites() {
        if (Thread.currentThread() == writerThread || closed) {
            return;
        }
        try {
            writer.submit(this::flush).get(QUERY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            // a slow disk: answer from what is written
        }
    }

    private void requestFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    flushQueued.set(false);
                    ensureOpen();
                    flush();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushQueued.set(false);
            }
        }
    }

    private void heartbeat() {
        try {
            ensureOpen();
            Instant now = clock.instant();
            TeleopMonitor engine = monitor.get();
            if (engine == null) {
                recorder.heartbeat(null, Set.of(), recorder.lastStateActive(), stallGap(), now);
            } else {
                TeleopState state = engine.getState();
                Set<String> active = engine.getDetectors().stream().filter(DetectorStatus::active)
                        .map(DetectorStatus::name).collect(Collectors.toSet());
                if (state.active() && recorder.openId() == null) {
                    adopt(engine, now);
                }
                engine.getSessions().stream().filter(SessionRecord::isOpen).findFirst().ifPresent(recorder::stalls);
                recorder.heartbeat(state, active, !active.isEmpty(), stallGap(), now);
            }
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Usage ledger: heartbeat failed; the next one retries", e);
        }
    }

    private double stallGap() {
        MetricsCollector collector = metrics.get();
        if (collector == null) {
            return Double.NaN;
        }
        return collector.getSummary().stream().filter(s -> s.name().equals(COMMAND_GAP)).mapToDouble(MetricSummary::last)
                .filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** The engine runs a session this ledger did not see start: pick it up, from the file when it is there. */
    private void adopt(TeleopMonitor engine, Instant now) {
        Optional<SessionRecord> running = engine.getSessions().stream().filter(SessionRecord::isOpen).findFirst();
        if (running.isEmpty()) {
            return;
        }
        SessionRecord record = running.get();
        Optional<SessionRow> stored = Optional.empty();
        if (store.isOpen()) {
            try {
                stored = store.readForWrite(c -> SessionReader.one(c, record.id()));
            } catch (StoreException e) {
                health.failing(e);
            }
        }
        recorder.adopt(stored.map(row -> OpenSession.resume(row.session(), now))
                .orElseGet(() -> OpenSession.of(record, recorder.robotId(), now)), now);
        LOG.info("Usage ledger: picked up the running session {}", record.id());
    }

    private void ensureOpen() {
        Instant now = clock.instant();
        if (store.isOpen() || now.isBefore(nextOpen)) {
            return;
        }
        try {
            int from = fileVersion();
            Path aside = store.open();
            health.opened(store.path(), aside, aside == null ? from : 0);
            recover(now);
        } catch (StoreException e) {
            health.failing(e);
            store.close();
            retryLater(now);
        }
    }

    private void retryLater(Instant now) {
        nextOpen = now.plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private int fileVersion() {
        if (!Files.exists(store.path())) {
            return 0;
        }
        try {
            return store.read(Schema::version);
        } catch (StoreException e) {
            return 0;
        }
    }

    /** Sessions the file says still run, but no engine runs any more, ended when the monitor died. */
    private void recover(Instant now) throws StoreException {
        String mine = recorder.openId();
        String engines = engineRunning();
        for (SessionRow row : store.readForWrite(SessionReader::running)) {
            if (row.id().equals(mine) || row.id().equals(engines)) {
                continue;
            }
            Instant end = row.active() == null ? row.session().session().start() : row.active();
            EndReason reason = EndReason.of(EndReason.Kind.MONITOR_CRASHED, "the monitor stopped without closing "
                    + "the session (killed, crashed or powered off); closed at its last heartbeat with activity", end);
            recorder.ended(row.ended(end, reason));
            LOG.info("Usage ledger: session {} was left running by a monitor that stopped without closing it; "
                    + "closed as monitor_crashed at {}", row.id(), end);
        }
        flush();
    }

    private String engineRunning() {
        TeleopMonitor engine = monitor.get();
        if (engine == null) {
            return null;
        }
        try {
            return engine.getSessions().stream().filter(SessionRecord::isOpen).map(SessionRecord::id).findFirst()
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void flush() {
        if (!store.isOpen()) {
            return;
        }
        Batch batch = recorder.batch();
        if (batch.isEmpty()) {
            health.cleared(store.path());
            return;
        }
        try {
            store.write(batch);
            recorder.written(batch);
            health.cleared(store.path());
            backoff = Duration.ofSeconds(1);
        } catch (StoreException e) {
            counters.failedWrite();
            if (e.kind == StoreException.Kind.CORRUPT) {
                startOver(e);
            } else {
                // a connection whose statement failed is not to be trusted: open it again, after a back-off
                health.failing(e);
                store.close();
                retryLater(clock.instant());
            }
        }
    }

    /** The file went bad under us: keep it aside, start a new one, write what is in memory into it. */
    private void startOver(StoreException why) {
        try {
            Path aside = store.moveAside();
            health.movedAside(store.path(), aside, why.getMessage());
        } catch (StoreException e) {
            health.failing(e);
            return;
        }
        nextOpen = Instant.EPOCH;
        ensureOpen();
    }

    /** One step of retention, on the writer thread; another step is queued behind the heartbeats while rows remain. */
    private void retention() {
        if (closed || !store.isOpen()) {
            return;
        }
        try {
            int deleted = store.deleteBefore(clock.instant().minus(settings.retention()), settings.retentionBatch());
            retentionSteps.incrementAndGet();
            if (deleted >= settings.retentionBatch()) {
                writer.execute(this::retention);
            } else if (deleted > 0) {
                LOG.debug("Usage ledger: retention deleted the last {} rows older than {} days", deleted,
                        settings.retention().toDays());
            }
        } catch (StoreException e) {
            health.failing(e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
