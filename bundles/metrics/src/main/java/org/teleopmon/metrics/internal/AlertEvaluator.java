package org.teleopmon.metrics.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.teleopmon.api.Alert;
import org.teleopmon.api.EventType;

/**
 * Turns one round of {@link Verdict}s into alert transitions. Subjects a round did not mention
 * (a series that expired, a check that was removed) are cleared. Used by one thread only.
 */
final class AlertEvaluator {

    private final long cooldownMillis;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        final AlertTracker tracker = new AlertTracker();
        Verdict last;
    }

    AlertEvaluator(long cooldownMillis) {
        this.cooldownMillis = cooldownMillis;
    }

    /**
     * @param held      rules whose subjects keep their phase this round (a check that threw)
     * @param silenced  whether a rule and subject is silenced now
     */
    List<Alert> round(List<Verdict> verdicts, Set<String> held, Instant now, Predicate<Verdict> silenced) {
        List<Alert> alerts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Verdict verdict : verdicts) {
            seen.add(verdict.key());
            apply(entries.computeIfAbsent(verdict.key(), k -> new Entry()), verdict, now, silenced, alerts);
        }
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Verdict previous = e.getValue().last;
            if (!seen.contains(e.getKey()) && !held.contains(previous.rule())) {
                Verdict gone = new Verdict(previous.rule(), previous.subject(), previous.eventType(),
                        previous.severity(), previous.threshold(), Condition.CLEAR, previous.message(), 0);
                apply(e.getValue(), gone, now, silenced, alerts);
            }
        }
        entries.values().removeIf(e -> e.tracker.phase() == AlertTracker.Phase.OK && !seen.contains(e.last.key()));
        return alerts;
    }

    private void apply(Entry entry, Verdict verdict, Instant now, Predicate<Verdict> silenced, List<Alert> out) {
        entry.last = verdict;
        AlertTracker.Action action = entry.tracker.step(verdict.condition(), now.toEpochMilli(), verdict.forMillis(),
                cooldownMillis, silenced.test(verdict));
        if (action == AlertTracker.Action.FIRE) {
            out.add(new Alert(verdict.rule(), verdict.subject(), verdict.severity(), Alert.State.FIRING,
                    verdict.eventType(), entry.tracker.firingValue(), verdict.threshold(), verdict.message(), now));
        } else if (action == AlertTracker.Action.RESOLVE) {
            out.add(new Alert(verdict.rule(), verdict.subject(), verdict.severity(), Alert.State.RESOLVED,
                    EventType.ALERT_RESOLVED, verdict.condition().value(), verdict.threshold(),
                    "back to normal: " + verdict.rule() + (verdict.subject().isEmpty() ? "" : " " + verdict.subject()),
                    now));
        }
    }

    /** Phases by rule and subject, for tests and the shell. */
    Map<String, AlertTracker.Phase> phases() {
        Map<String, AlertTracker.Phase> result = new HashMap<>();
        entries.forEach((k, e) -> result.put(k.replace('\u0000', '/'), e.tracker.phase()));
        return result;
    }
}
