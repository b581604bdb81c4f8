package org.teleopmon.sockets.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.SocketTable;
import org.teleopmon.api.sockets.TcpState;

/**
 * The socket table without OSGi: listeners in, snapshots out. A poll thread reads the kernel's table every
 * poll interval while some listener wants sockets, with one kernel filter per protocol built from every
 * listener's interest, and hands each listener its sockets and their changes. While a session is active it
 * reads at the session interval, looking up the known sockets between full readings; a known socket that the
 * kernel frees is read at once ({@link Wakeup}).
 *
 * <p>{@link SocketsComponent} is its OSGi face. Other modules' tests, benchmarks and tools use it directly
 * through {@link #open}: the same netlink reading and delivery, with listeners added by hand. The package is
 * not exported: bundles use {@link SocketTable}.
 */
public final class Sockets implements SocketTable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sockets.class);
    private static final long STOP_WAIT_MS = 5000;
    /**
     * Above this many connected sockets a full reading is cheaper than one lookup each: a lookup costs about
     * 3 µs of CPU, a dump 3–4 ms whatever it returns (it walks the kernel's whole established hash):
     * benchmarks/run sockets-poll, docs/sockets.md.
     */
    static final int MAX_LOOKUPS = 500;

    private final SocketSettings settings;
    private final Clock clock;
    private final SocketHealth health = new SocketHealth();
    private final ProcessOwners owners = new ProcessOwners(Path.of("/proc"));
    private final Wakeup wakeup = new Wakeup();
    private volatile Subscription[] subscriptions = new Subscription[0];
    private volatile Plan plan = Plan.EMPTY;
    private volatile SocketSnapshot latest;
    private volatile boolean session;
    private volatile boolean running;
    private Thread thread;
    private TableReader reader;
    private Map<Long, SocketEntry> previous = Changes.map(0);
    private volatile long polls;
    private volatile long lastPollNanos;
    private volatile long lookupReadings;
    private boolean lookupFailureLogged;
    private volatile long lastReceived;

    Sockets(SocketSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.latest = SocketSnapshot.empty(clock.instant());
    }

    /** Starts reading every {@code poll} ({@code sessionPoll} while {@link #session(boolean)} is on); add listeners. */
    public static Sockets open(Duration poll, Duration sessionPoll) {
        Sockets sockets = new Sockets(SocketSettings.DEFAULTS.withPoll(poll.toNanos(), sessionPoll.toNanos()),
                Clock.systemUTC());
        sockets.start();
        return sockets;
    }

    /** Starts reading every {@code poll}. */
    public static Sockets open(Duration poll) {
        return open(poll, poll);
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "teleop-sockets");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds a listener; the kernel filter follows from the next reading, which comes at once. */
    public synchronized void add(SocketListener listener) {
        SocketInterest interest;
        try {
            interest = listener.interest();
        } catch (RuntimeException e) {
            LOG.error("Socket listener {} failed to state its interest; it receives nothing.",
                    listener.getClass().getName(), e);
            return;
        }
        List<Subscription> next = new ArrayList<>(List.of(subscriptions));
        next.add(new Subscription(listener, interest == null ? new SocketInterest(null, null, null, false) : interest));
        replace(next);
    }

    public synchronized void remove(SocketListener listener) {
        List<Subscription> next = new ArrayList<>(List.of(subscriptions));
        next.removeIf(s -> s.listener == listener);
        replace(next);
    }

    private void replace(List<Subscription> next) {
        subscriptions = next.toArray(new Subscription[0]);
        plan = Plan.of(next.stream().map(s -> s.interest).toList());
        wake();
    }

    /** A teleoperation session started or ended: read at the session interval while one is active. */
    public void session(boolean active) {
        if (session != active) {
            session = active;
            wake();
        }
    }

    boolean inSession() {
        return session;
    }

    private void wake() {
        wakeup.wake();
    }

    private void run() {
        wakeup.watchClosedSockets(settings.timeoutSeconds());
        health.waiting(wakeup.problem());
        Wakeup.Outcome woke = Wakeup.Outcome.WOKEN;
        long lastFull = 0;
        while (running) {
            long started = System.nanoTime();
            if (!plan.isEmpty()) {
                try {
                    // Between full readings (every poll interval) a session's readings look up the sockets
                    // already known; anything else — a new listener, a session starting, a closed
                    // connection — reads the whole table.
                    boolean full = !session || woke != Wakeup.Outcome.PERIOD_OVER
                            || started - lastFull >= settings.pollNanos();
                    if (full) {
                        lastFull = started;
                    }
                    // A reading for a closed connection is about its end: owners of new sockets can wait.
                    poll(woke != Wakeup.Outcome.WATCHED_SOCKET_GONE, !full);
                } catch (RuntimeException e) {
                    LOG.error("Reading the socket table failed unexpectedly; the next poll retries.", e);
                }
            }
            long period = session ? settings.sessionPollNanos() : settings.pollNanos();
            try {
                woke = running ? wakeup.await(started + period, this::known) : Wakeup.Outcome.WOKEN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            health.waiting(wakeup.problem());
        }
    }

    /**
     * Whether a freed socket was in the last reading: then a listener knows it and is told of its end at once.
     * Connections that came and went between two readings, which no listener saw, cost no reading.
     */
    private boolean known(long cookie) {
        return previous.containsKey(cookie);
    }

    /** One reading and its delivery to every listener. Called by the poll thread (and by benchmarks). */
    void poll() {
        poll(true, false);
    }

    /** A session's reading between full ones: the known sockets looked up. For benchmarks. */
    void refreshKnown() {
        poll(false, true);
    }

    private void poll(boolean resolveOwners, boolean lookupsOnly) {
        Plan current = plan;
        Instant timestamp = clock.instant();
        long begin = System.nanoTime();
        List<SocketEntry> sockets = new ArrayList<>(previous.size() + 4);
        if (!(lookupsOnly && refresh(sockets)) && !read(current, sockets)) {
            return;
        }
        attachOwners(sockets, begin, resolveOwners);
        Map<Long, SocketEntry> now = Changes.map(sockets.size());
        SocketSnapshot snapshot = Changes.snapshot(timestamp, sockets, previous, now);
        previous = now;
        latest = snapshot;
        if (!snapshot.removed().isEmpty() && settings.processOwners()) {
            owners.retain(now.values().stream().map(SocketEntry::inode).collect(java.util.stream.Collectors.toSet()));
        }
        deliver(timestamp, sockets);
        polls++;
        lastPollNanos = System.nanoTime() - begin;
    }

    /**
     * The last reading's sockets again: each connected TCP socket as the kernel has it now (left out when it
     * is gone), the rest (listeners, UDP) as they were. False, with {@code sockets} untouched, when the lookups
     * failed: then the caller reads the whole table.
     */
    private boolean refresh(List<SocketEntry> sockets) {
        if (reader == null) {
            return false;
        }
        List<SocketEntry> lookups = new ArrayList<>(previous.size());
        List<SocketEntry> kept = new ArrayList<>(4);
        for (SocketEntry socket : previous.values()) {
            boolean connected = socket.protocol() == Protocol.TCP && socket.state() != TcpState.LISTEN
                    && socket.localAddress().getClass() == socket.remoteAddress().getClass();
            (connected ? lookups : kept).add(socket);
        }
        if (lookups.size() > MAX_LOOKUPS) {
            return false;
        }
        long before = reader.received();
        try {
            reader.refresh(lookups, sockets);
        } catch (NetlinkException e) {
            if (!lookupFailureLogged) {
                lookupFailureLogged = true;
                LOG.warn("Looking up a session's sockets failed ({}); that reading and any other that fails so "
                        + "read the whole table instead (more CPU, same result). Further failures are not logged.",
                        e.getMessage());
            }
            sockets.clear();
            resetReader();
            return false;
        }
        sockets.addAll(kept);
        lastReceived = reader.received() - before;
        lookupReadings++;
        return true;
    }

    private boolean read(Plan current, List<SocketEntry> sockets) {
        if (reader == null) {
            try {
                reader = new TableReader(settings.timeoutSeconds());
            } catch (NetlinkException e) {
                health.unavailable(e);
                return false;
            }
        }
        Map<Protocol, NetlinkException> failed = new EnumMap<>(Protocol.class);
        long before = reader.received();
        for (Map.Entry<Protocol, SocketInterest> wanted : current.interests.entrySet()) {
            try {
                reader.read(wanted.getKey(), wanted.getValue(), current.bytecode.get(wanted.getKey()), sockets);
            } catch (NetlinkException e) {
                failed.put(wanted.getKey(), e);
                if (e.kind() != NetlinkException.Kind.KERNEL_ERROR) {
                    resetReader();
                    break;
                }
            }
        }
        lastReceived = reader == null ? 0 : reader.received() - before;
        health.reading(failed, settings.processOwners() ? owners.deniedProcesses() : 0);
        return true;
    }

    /** A timeout or a corrupt reply may leave datagrams queued: the next reading starts on a new socket. */
    private void resetReader() {
        reader.close();
        reader = null;
    }

    private void attachOwners(List<SocketEntry> sockets, long nowNanos, boolean resolve) {
        if (!settings.processOwners()) {
            return;
        }
        for (SocketEntry socket : sockets) {
            owners.want(socket.inode());
        }
        if (resolve && owners.due(nowNanos)) {
            owners.resolve(nowNanos);
        }
        for (int i = 0; i < sockets.size(); i++) {
            SocketEntry socket = sockets.get(i);
            var owner = socket.inode() == 0 ? null : owners.owner(socket.inode());
            if (owner != null) {
                sockets.set(i, socket.withOwner(owner));
            }
        }
    }

    private void deliver(Instant timestamp, List<SocketEntry> sockets) {
        for (Subscription s : subscriptions) {
            List<SocketEntry> mine = new ArrayList<>(s.previous.size() + 4);
            for (SocketEntry socket : sockets) {
                if (s.interest.matches(socket)) {
                    mine.add(socket);
                }
            }
            Map<Long, SocketEntry> now = Changes.map(mine.size());
            SocketSnapshot snapshot = Changes.snapshot(timestamp, mine, s.previous, now);
            s.previous = now;
            try {
                s.listener.onSockets(snapshot);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // NOPMD: a listener's bug must not stop the table for the others
                s.errors++;
                if (!s.errorLogged) {
                    s.errorLogged = true;
                    LOG.error("Socket listener {} threw; its snapshot is lost. Further errors of this listener are "
                            + "only counted (teleop:sockets shows them).", s.listener.getClass().getName(), e);
                }
            }
        }
    }

    @Override
    public SocketSnapshot snapshot() {
        return latest;
    }

    @Override
    public SocketSnapshot read(SocketInterest interest) throws IOException {
        Plan one = Plan.of(List.of(interest));
        List<SocketEntry> sockets = new ArrayList<>();
        Instant timestamp = clock.instant();
        try (TableReader oneOff = new TableReader(settings.timeoutSeconds())) {
            for (Map.Entry<Protocol, SocketInterest> wanted : one.interests.entrySet()) {
                oneOff.read(wanted.getKey(), wanted.getValue(), one.bytecode.get(wanted.getKey()), sockets);
            }
        }
        return new SocketSnapshot(timestamp, sockets, List.of(), List.of());
    }

    @Override
    public Health health() {
        return health.current();
    }

    /** Readings so far and the duration of the last one, for the shell. */
    String pollStats() {
        return polls + " readings, the last took " + lastPollNanos / 1000 + " µs for " + lastReceived
                + " sockets from the kernel, every "
                + (session ? settings.sessionPollNanos() : settings.pollNanos()) / 1_000_000 + " ms"
                + (session ? " (session active: the known sockets looked up, the whole table every "
                        + settings.pollNanos() / 1_000_000 + " ms)" : "") + "; " + lookupReadings
                + " readings by lookups; " + wakeup.notices()
                + " readings came at once for a closed connection";
    }

    /** Readings that looked up the known sockets instead of reading the whole table. */
    long lookupReadings() {
        return lookupReadings;
    }

    /** Readings so far, full or by lookups. */
    long readings() {
        return polls;
    }

    /** Readings prompted by the kernel's notice that a watched connection is gone. */
    long notices() {
        return wakeup.notices();
    }

    /** How many sockets the kernel sent in the last reading, before the Java-side filter. */
    long lastReceived() {
        return lastReceived;
    }

    /** The listeners with their interests and error counts, for the shell. */
    List<String> listeners() {
        List<String> all = new ArrayList<>();
        for (Subscription s : subscriptions) {
            all.add(s.listener.getClass().getName() + " " + s.interest + (s.errors > 0 ? ", errors " + s.errors : ""));
        }
        return all;
    }

    @Override
    public synchronized void close() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
        wakeup.close();
    }
}
