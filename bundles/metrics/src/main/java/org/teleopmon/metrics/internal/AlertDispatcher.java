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
import org.teleopmon.api.AlertListener;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopState;

/**
 * Delivers alerts on one thread of its own, in order, so that a slow listener never delays rule
 * evaluation. A listener that throws is logged once and keeps receiving.
 */
final class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "teleop-metrics-alerts"));
    private final Set<String> complained = ConcurrentHashMap.newKeySet();
    private final List<TeleopEventListener> eventListeners;
    private final List<List<AlertListener>> alertListeners;

    AlertDispatcher(List<TeleopEventListener> eventListeners, List<List<AlertListener>> alertListeners) {
        this.eventListeners = eventListeners;
        this.alertListeners = alertListeners;
    }

    void publish(Alert alert, TeleopState state) {
        try {
            executor.execute(() -> deliver(alert, TeleopEvent.alert(alert, state)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Alert {} dropped: metrics are stopping", alert.rule());
        }
    }

    private void deliver(Alert alert, TeleopEvent event) {
        for (TeleopEventListener listener : eventListeners) {
            isolated(listener, () -> listener.onEvent(event));
        }
        for (List<AlertListener> listeners : alertListeners) {
            for (AlertListener listener : listeners) {
                isolated(listener, () -> listener.onAlert(alert));
            }
        }
    }

    private void isolated(Object listener, Runnable call) {
        try {
            call.run();
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
