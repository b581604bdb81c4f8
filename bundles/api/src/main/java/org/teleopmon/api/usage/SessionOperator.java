package org.teleopmon.api.usage;

import java.time.Instant;
import java.util.Objects;

import org.teleopmon.api.Operator;

/**
 * An operator of a session and when the monitor saw them. {@code firstSeen} may precede the session's
 * start: an operator is often seen before the evidence is strong enough to call it teleoperation.
 */
public record SessionOperator(Operator operator, Instant firstSeen, Instant lastSeen) {

    public SessionOperator {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
