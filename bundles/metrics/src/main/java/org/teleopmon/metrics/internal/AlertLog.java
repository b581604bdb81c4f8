package org.teleopmon.metrics.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.Alert;

/** The monitor's one alert history: the alerts firing now, and every transition, newest first, bounded. */
final class AlertLog {

    private final int capacity;
    private final Deque<Alert> history = new ArrayDeque<>();
    private final Map<String, Alert> active = new LinkedHashMap<>();

    AlertLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Alert alert) {
        if (history.size() == capacity) {
            history.removeLast();
        }
        history.addFirst(alert);
        String key = alert.rule() + '\u0000' + alert.subject();
        if (alert.state() == Alert.State.FIRING) {
            active.put(key, alert);
        } else {
            active.remove(key);
        }
    }

    synchronized List<Alert> active() {
        return List.copyOf(active.values());
    }

    /** Up to {@code limit} transitions, newest first. */
    synchronized List<Alert> history(int limit) {
        List<Alert> result = new ArrayList<>(Math.max(0, Math.min(limit, history.size())));
        for (Alert alert : history) {
            if (result.size() >= limit) {
                break;
            }
            result.add(alert);
        }
        return Collections.unmodifiableList(result);
    }
}
