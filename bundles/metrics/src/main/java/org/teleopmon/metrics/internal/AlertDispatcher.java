package org.teleopmon.metrics.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Alert;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopState;

/**
 * Delivers alerts, as {@link TeleopEvent}s, to every {@link TeleopEventListener} on one thread of its
 * own, in order, so that a slow listener never delays rule evaluation. A listener that throws is
 * logged once and keeps receiving.
 */
final class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "teleop-metrics-alerts"));
    private final Set<String> complained = ConcurrentHashMap.newKeySet();
    private final List<TeleopEventListener> listeners;

    AlertDispatcher(List<TeleopEventListener> listeners) {
        this.listeners = listeners;
    }

    void publish(Alert alert, TeleopState state) {
        TeleopEvent event = TeleopEvent.alert(alert, state);
        try {
            executor.execute(() -> listeners.forEach(listener -> deliver(listener, event)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Alert {} dropped: metrics are stopping", alert.rule());
        }
    }

    private void deliver(TeleopEventListener listener, TeleopEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            if (complained.add(listener.getClass().getName())) {
                LOG.warn("Alert listener {} threw; it keeps receiving alerts", listener.getClass().getName(), e);
            }
        }
    }

    /** Delivers what is queued (for up to a second), then stops. */
    void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
