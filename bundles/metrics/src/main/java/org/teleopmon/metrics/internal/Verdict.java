package org.teleopmon.metrics.internal;

import org.teleopmon.api.EventType;
import org.teleopmon.api.Severity;

/** What one rule says about one subject in one evaluation round, and how its alert reads. */
record Verdict(String rule, String subject, EventType eventType, Severity severity, double threshold,
        Condition condition, String message, long forMillis) {

    String key() {
        return rule + '\u0000' + subject;
    }
}
