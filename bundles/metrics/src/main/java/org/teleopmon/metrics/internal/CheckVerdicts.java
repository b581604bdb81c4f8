package org.teleopmon.metrics.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.EventType;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.TeleopState;

/**
 * Runs custom {@link AlertCheck}s, each isolated: one that throws keeps its alerts as they were,
 * is logged once until it recovers, and shows in health.
 */
final class CheckVerdicts {

    private static final Logger LOG = LoggerFactory.getLogger(CheckVerdicts.class);

    private final long forMillis;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    CheckVerdicts(long forMillis) {
        this.forMillis = forMillis;
    }

    void collect(List<AlertCheck> checks, MetricsCollector metrics, TeleopState state, List<Verdict> out,
            Set<String> held) {
        for (AlertCheck check : checks) {
            String name = nameOf(check);
            try {
                AlertCheck.Result result = check.check(metrics, state);
                if (result == null) {
                    throw new IllegalStateException("returned no result");
                }
                Condition condition = new Condition(result.firing(), !result.firing(), result.value());
                out.add(new Verdict(name, result.subject(), EventType.ALERT_WARNING, result.severity(), Double.NaN,
                        condition, result.message().isEmpty() ? name : result.message(), forMillis));
                if (failures.remove(name) != null) {
                    LOG.info("Alert check {} works again", name);
                }
            } catch (RuntimeException | LinkageError e) {
                held.add(name);
                String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (failures.put(name, message) == null) {
                    LOG.warn("Alert check {} failed and is skipped until it works again", name, e);
                }
            }
        }
    }

    private static String nameOf(AlertCheck check) {
        try {
            String name = check.name();
            return name == null || name.isBlank() ? check.getClass().getName() : name;
        } catch (RuntimeException e) {
            return check.getClass().getName();
        }
    }

    /** Failing checks and why, by name. */
    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    void forget(AlertCheck check) {
        failures.remove(nameOf(check));
    }
}
