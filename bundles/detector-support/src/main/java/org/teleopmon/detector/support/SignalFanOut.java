package org.teleopmon.detector.support;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.SignalListener;

/**
 * Pushes a detector's signal to every {@link SignalListener} the moment it changes. A listener that
 * throws costs only its own delivery: the others still get the signal, and the failure is logged
 * through a {@link ProblemLog}, so a listener that keeps throwing cannot flood the log or stop the
 * detector's thread.
 *
 * <p>Give it the list DS keeps up to date, as the detectors do:
 * <pre>{@code
 * @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
 * final List<SignalListener> listeners = new CopyOnWriteArrayList<>();
 * private final SignalFanOut signals = new SignalFanOut(listeners, LOG);
 * }</pre>
 */
public final class SignalFanOut {

    private final List<SignalListener> listeners;
    private final ProblemLog problems;

    /** {@code listeners} is read on every push; it must be safe to iterate while DS changes it. */
    public SignalFanOut(List<SignalListener> listeners, Logger log) {
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.problems = new ProblemLog(log);
    }

    /** Delivers the signal to every listener; does nothing for {@code null} (no change to report). */
    public void push(DetectorSignal signal) {
        if (signal == null) {
            return;
        }
        for (SignalListener listener : listeners) {
            try {
                listener.signalChanged(signal);
            } catch (RuntimeException e) {
                problems.warn("Signal listener " + listener + " threw on a '" + signal.detector()
                        + "' signal; the other listeners got it: " + e);
            }
        }
    }
}
