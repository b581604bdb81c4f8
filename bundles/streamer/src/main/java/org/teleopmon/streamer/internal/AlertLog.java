package org.teleopmon.streamer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.Alert;

/**
 * The alerts this streamer has seen (as events or alert callbacks), newest first, bounded. The same
 * alert arriving both ways is kept once.
 */
public final class AlertLog {

    private static final int DEDUPE_WINDOW = 32;

    private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
    private final int capacity;

    public AlertLog(int capacity) {
        this.capacity = capacity;
    }

    /** True when the alert is new, false when it was already recorded. */
    public synchronized boolean record(Alert alert) {
        Iterator<Alert> recent = alerts.iterator();
        for (int i = 0; i < DEDUPE_WINDOW && recent.hasNext(); i++) {
            if (recent.next().equals(alert)) {
                return false;
            }
        }
        alerts.addFirst(alert);
        while (alerts.size() > capacity) {
            alerts.removeLast();
        }
        return true;
    }

    public synchronized List<Alert> recent(int limit) {
        return alerts.stream().limit(limit).toList();
    }

    /** Rules still firing: the latest transition of each rule and subject is FIRING. */
    public synchronized List<Alert> active() {
        Map<String, Alert> latest = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            latest.putIfAbsent(alert.rule() + "\u0000" + alert.subject(), alert);
        }
        List<Alert> firing = new ArrayList<>();
        latest.values().stream().filter(a -> a.state() == Alert.State.FIRING).forEach(firing::add);
        return firing;
    }
}
