package org.teleopmon.detector.support;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.teleopmon.api.DetectorSignal;

/**
 * A periodic tick on its own thread that slows down while there is nothing to age: it runs every
 * {@code busy} period while the tick returns {@code true} (it holds something that changes with time:
 * a signal that claims teleoperation, a session), else every {@code idle} period; {@link #wake()},
 * called where traffic arrives, brings the busy period back at once. Why: with no teleoperation, ten
 * wake-ups a second on each of the engine's and detectors' threads were most of the monitor's idle CPU
 * (docs/performance.md), and nothing they aged was there.
 *
 * <p>Starts of sessions never wait for a tick (detectors push them from the packet path), so the idle
 * period costs detection nothing; a signal that ages out does so on busy ticks.
 */
public final class Ticker implements AutoCloseable {

    /** The idle period the engine and the detectors use: what ages while nothing claims teleoperation. */
    public static final Duration IDLE = Duration.ofSeconds(1);

    private final ScheduledExecutorService executor;
    private final long busyNanos;
    private final long idleNanos;
    private final BooleanSupplier tick;
    private final ProblemLog problems;
    /** Traffic arrived since the current tick began: the next tick comes at the busy period. */
    private volatile boolean woken;
    /** The next tick is an idle period away (guarded by this for writes). */
    private volatile boolean slow;
    /** The pending tick; only the one of the current generation runs (guarded by this). */
    private ScheduledFuture<?> next;
    private long generation;
    /** A tick is running: a wake-up then only sets {@link #woken}, which that tick reads at its end. */
    private boolean running;
    private boolean closed;

    /**
     * @param tick returns whether there is still something to age (the next tick comes after
     *     {@code busy}) or not ({@code idle}); a tick that throws is logged and counts as busy
     */
    public Ticker(String threadName, Duration busy, Duration idle, BooleanSupplier tick, Logger log) {
        this.busyNanos = busy.toNanos();
        this.idleNanos = Math.max(busyNanos, idle.toNanos());
        this.tick = Objects.requireNonNull(tick, "tick");
        this.problems = new ProblemLog(log);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts ticking, the first tick a busy period from now. */
    public synchronized Ticker start() {
        if (!closed && next == null) {
            schedule(busyNanos);
        }
        return this;
    }

    /** Runs {@code job} on the ticker's thread every {@code period}, the first time at once, whatever the ticks' pace. */
    public synchronized void every(Duration period, Runnable job) {
        if (!closed) {
            executor.scheduleWithFixedDelay(job, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Whether a signal claims anything that ages (teleoperation, confidence, operators): what keeps a
     * detector's and the engine's ticks at the busy period.
     */
    public static boolean claims(DetectorSignal signal) {
        return signal != null && (signal.active() || signal.confidence() > 0 || !signal.operators().isEmpty());
    }

    /**
     * Traffic arrived: tick at the busy period from now on (at once, if the ticker was idle). Cheap
     * enough for every packet: two volatile reads when the ticker is already busy.
     */
    public void wake() {
        if (!woken) {
            woken = true;
        }
        if (slow) {
            synchronized (this) {
                if (slow && !closed && !running && next != null) {
                    slow = false;
                    next.cancel(false);
                    schedule(0); // a new generation: the cancelled tick, if it already left the queue, returns
                }
            }
        }
    }

    /** Whether the next tick is an idle period away (for tests and the shell). */
    public boolean idle() {
        return slow;
    }

    /** Caller holds the lock. */
    private void schedule(long delayNanos) {
        long mine = ++generation;
        next = executor.schedule(() -> run(mine), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void run(long mine) {
        synchronized (this) {
            if (closed || mine != generation) {
                return;
            }
            running = true;
            woken = false; // traffic from now on keeps the next tick busy
        }
        boolean busy = true;
        try {
            busy = tick.getAsBoolean();
        } catch (RuntimeException e) {
            problems.warn("A tick on " + Thread.currentThread().getName() + " failed; the next one retries: " + e);
        }
        synchronized (this) {
            running = false;
            if (closed) {
                return;
            }
            busy |= woken;
            slow = !busy;
            schedule(busy ? busyNanos : idleNanos);
        }
    }

    /** Stops ticking; a tick in progress finishes. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            slow = false;
        }
        executor.shutdownNow();
    }
}
