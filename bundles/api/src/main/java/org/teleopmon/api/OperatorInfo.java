package org.teleopmon.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An operator as the engine tracks it across detectors.
 *
 * @param operator  identity (as first reported)
 * @param firstSeen when any detector first reported this operator in the current sighting
 * @param lastSeen  when a detector last reported this operator
 * @param detectors the detectors that currently report this operator
 */
public record OperatorInfo(Operator operator, Instant firstSeen, Instant lastSeen, Set<String> detectors) {

    public OperatorInfo {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        detectors = detectors == null ? Set.of() : Set.copyOf(detectors);
    }
}
