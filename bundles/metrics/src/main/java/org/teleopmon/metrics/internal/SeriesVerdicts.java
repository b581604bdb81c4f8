package org.teleopmon.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.EventType;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopState;

/** The built-in rules' verdicts over the series: thresholds on each series' last sample, and silence. */
final class SeriesVerdicts {

    private final List<ThresholdRule> rules;
    private final Set<String> watched;
    private final long timeoutMillis;
    private final Severity signalSeverity;

    SeriesVerdicts(List<ThresholdRule> rules, Set<String> watched, Duration timeout, Severity signalSeverity) {
        this.rules = rules;
        this.watched = watched;
        this.timeoutMillis = timeout.toMillis();
        this.signalSeverity = signalSeverity;
    }

    void collect(SeriesRegistry registry, TeleopState state, Instant now, List<Verdict> out) {
        long nowMillis = now.toEpochMilli();
        long windowStart = registry.shape().windowStart(nowMillis);
        for (Series series : registry.all()) {
            for (ThresholdRule rule : rules) {
                if (rule.series().contains(series.name())) {
                    out.add(threshold(rule, series, state, windowStart));
                }
            }
            if (watched.contains(series.name())) {
                out.add(silence(series, state, nowMillis));
            }
        }
    }

    private static Verdict threshold(ThresholdRule rule, Series series, TeleopState state, long windowStart) {
        double value = series.lastMillis() >= windowStart ? series.last() : Double.NaN;
        Condition condition = rule.sessionOnly() && !state.active() ? Condition.CLEAR : rule.evaluate(value);
        return new Verdict(rule.name(), subject(series, rule.series().size() > 1), rule.eventType(), rule.severity(),
                rule.threshold(), condition, rule.describe(series.name(), value), rule.forDuration().toMillis());
    }

    /** Lost: reported during this session, then silent longer than the timeout. */
    private Verdict silence(Series series, TeleopState state, long nowMillis) {
        Condition condition = Condition.CLEAR;
        long silentMillis = nowMillis - series.lastMillis();
        if (state.active() && state.startTime() != null && series.lastMillis() >= state.startTime().toEpochMilli()) {
            boolean lost = silentMillis > timeoutMillis;
            condition = new Condition(lost, !lost, silentMillis / 1000.0);
        }
        return new Verdict(RuleSet.SIGNAL_LOST, subject(series, true), EventType.SIGNAL_LOST_WARNING, signalSeverity,
                timeoutMillis / 1000.0, condition,
                String.format("%s silent for %.1f s during the session", subject(series, true), silentMillis / 1000.0),
                0);
    }

    static String subject(Series series, boolean withName) {
        String tags = Tags.format(series.tags());
        if (!withName) {
            return tags;
        }
        return tags.isEmpty() ? series.name() : series.name() + "{" + tags + "}";
    }
}
