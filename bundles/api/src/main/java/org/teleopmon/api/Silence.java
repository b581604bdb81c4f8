package org.teleopmon.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds back the alerts of one rule until {@code until}: of one subject, or of all its subjects
 * when {@code subject} is empty.
 */
public record Silence(String rule, String subject, Instant until) {

    public Silence {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(until, "until");
        subject = subject == null ? "" : subject;
    }

    /** Whether an alert of this rule and subject, raised at {@code now}, is held back. */
    public boolean covers(String alertRule, String alertSubject, Instant now) {
        return now.isBefore(until) && rule.equals(alertRule) && (subject.isEmpty() || subject.equals(alertSubject));
    }
}
