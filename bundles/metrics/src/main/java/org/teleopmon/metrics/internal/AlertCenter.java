package org.teleopmon.metrics.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.Alert;

/** What the shell needs beyond {@code MetricsCollector}: alerts, history, silences, counters. */
public interface AlertCenter {

    List<Alert> activeAlerts();

    /** Up to {@code limit} transitions, newest first. */
    List<Alert> recentAlerts(int limit);

    /** Silences one rule (every subject when {@code subject} is empty) for {@code duration}. */
    Silence silence(String rule, String subject, Duration duration);

    /** Silences still in force. */
    List<Silence> silences();

    /** Built-in rules, {@code signal_lost}, and the custom checks known now. */
    Set<String> ruleNames();

    int seriesCount();

    long refusedSamples();
}
