package org.teleopmon.engine.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;

/**
 * Calls every detector's {@code detect()} and {@code health()} on pool threads, so that a detector
 * that blocks holds up only itself: it is reported as hung and not called again until it returns.
 */
final class DetectorPoller {

    private record Call(long startedNanos, Future<?> future) {
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "teleop-engine-poll-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Detector, Call> calls = new java.util.IdentityHashMap<>();

    /** Polls each detector not still busy with an earlier call; {@code detectors} maps each to its name. */
    synchronized void poll(Map<Detector, String> detectors, Correlator correlator, Duration hangAfter) {
        calls.keySet().retainAll(detectors.keySet());
        long now = System.nanoTime();
        detectors.forEach((detector, name) -> {
            Call call = calls.get(detector);
            if (call != null && !call.future().isDone()) {
                long busy = now - call.startedNanos();
                if (busy > hangAfter.toNanos()) {
                    correlator.failed(name, "detect() or health() has not returned for " + busy / 1_000_000 + " ms");
                }
                return;
            }
            calls.put(detector, new Call(now, pool.submit(() -> pollOne(detector, name, correlator))));
        });
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
