package org.teleopmon.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert transition: raised when a rule starts firing, resolved when it is back to normal.
 *
 * @param rule      the rule or check name
 * @param subject   what it is about; empty for the robot as a whole
 * @param severity  how urgent
 * @param state     {@link State#FIRING} on entry, {@link State#RESOLVED} on the back-to-normal
 * @param eventType the event clients see ({@code *_warning}, or {@code alert_resolved})
 * @param value     the observed value, {@code NaN} if none
 * @param threshold the threshold crossed, {@code NaN} if none
 * @param message   what a person should read
 * @param timestamp when the transition happened
 */
public record Alert(String rule, String subject, Severity severity, State state, EventType eventType,
        double value, double threshold, String message, Instant timestamp) {

    public enum State {
        FIRING, RESOLVED
    }

    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
    }
}
