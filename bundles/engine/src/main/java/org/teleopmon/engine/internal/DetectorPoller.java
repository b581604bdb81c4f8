package org.teleopmon.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;

/**
 * Calls every detector's {@code detect()} and {@code health()} on pool threads, so that a detector
 * that blocks holds up only itself: it is reported as hung and not called again until it returns.
 *
 * <p>One tick's calls run one after another on one pool thread (a wake-up per tick rather than one per
 * detector: on a Pi the wake-ups, not the calls, are the cost). A call still queued behind a blocked
 * detector when the next tick comes is withdrawn from that batch and moves to the new one, so the
 * others keep their rate.
 */
final class DetectorPoller {

    /** One detector's call: queued in a batch, running, done, or withdrawn from a stuck batch. */
    private static final class Call {
        static final int QUEUED = 0;
        static final int RUNNING = 1;
        static final int DONE = 2;
        static final int WITHDRAWN = 3;

        final Detector detector;
        final String name;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile long startedNanos;

        Call(Detector detector, String name) {
            this.detector = detector;
            this.name = name;
        }
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "teleop-engine-poll-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Detector, Call> calls = new IdentityHashMap<>();

    /** Polls each detector not still busy with an earlier call; {@code detectors} maps each to its name. */
    synchronized void poll(Map<Detector, String> detectors, Correlator correlator, Duration hangAfter) {
        calls.keySet().retainAll(detectors.keySet());
        long now = System.nanoTime();
        List<Call> batch = new ArrayList<>(detectors.size());
        detectors.forEach((detector, name) -> {
            Call call = calls.get(detector);
            if (call != null && call.state.get() == Call.RUNNING) {
                long busy = now - call.startedNanos;
                if (busy > hangAfter.toNanos()) {
                    correlator.failed(name, "detect() or health() has not returned for " + busy / 1_000_000 + " ms");
                }
                return;
            }
            if (call != null && !call.state.compareAndSet(Call.QUEUED, Call.WITHDRAWN)
                    && call.state.get() == Call.RUNNING) {
                return; // it started between the two reads
            }
            Call next = new Call(detector, name);
            calls.put(detector, next);
            batch.add(next);
        });
        if (!batch.isEmpty()) {
            pool.execute(() -> run(batch, correlator));
        }
    }

    private static void run(List<Call> batch, Correlator correlator) {
        for (Call call : batch) {
            call.startedNanos = System.nanoTime();
            if (call.state.compareAndSet(Call.QUEUED, Call.RUNNING)) {
                try {
                    pollOne(call.detector, call.name, correlator);
                } finally {
                    call.state.set(Call.DONE);
                }
            }
        }
    }

    void close() {
        pool.shutdownNow();
    }

    static void pollOne(Detector detector, String name, Correlator correlator) {
        DetectorSignal signal;
        Health health;
        try {
            signal = detector.detect();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            correlator.failed(name, "detect() threw " + e);
            return;
        }
        try {
            health = detector.health();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            correlator.failed(name, "health() threw " + e);
            return;
        }
        correlator.polled(name, signal, health);
    }
}
