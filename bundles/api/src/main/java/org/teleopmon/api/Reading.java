package org.teleopmon.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A measurement value together with the detector it came from.
 *
 * @param value     the value, in the unit its {@link Measurements} name says
 * @param source    the detector that measured it
 * @param timestamp when it was measured
 */
public record Reading(double value, String source, Instant timestamp) {

    public Reading {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
