package org.teleopmon.metrics.internal;

import java.time.Instant;

/**
 * Holds back the alerts of one rule until {@code until}: of one subject, or of all its subjects
 * when {@code subject} is empty.
 */
public record Silence(String rule, String subject, Instant until) {

    public Silence {
        subject = subject == null ? "" : subject;
    }

    public boolean covers(String alertRule, String alertSubject, Instant now) {
        return now.isBefore(until) && rule.equals(alertRule) && (subject.isEmpty() || subject.equals(alertSubject));
    }
}
