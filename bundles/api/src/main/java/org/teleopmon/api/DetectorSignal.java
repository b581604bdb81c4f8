package org.teleopmon.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One detector's view at one instant: is teleoperation happening, how sure is it, who does it,
 * and what it measures. Immutable.
 *
 * @param detector     the reporting detector's {@link Detector#name()}
 * @param timestamp    when the view was formed
 * @param active       whether this detector sees teleoperation now
 * @param confidence   0..100: how sure the detector is that teleoperation happens
 * @param operators    the operators this detector sees, possibly empty
 * @param measurements numeric measurements by name; see {@link Measurements} for the shared names
 * @param robotType    the robot type this detector recognised ({@code lekiwi}, {@code xle}), or empty
 * @param reason       a short human-readable explanation of the view
 * @param ended        set when this detector saw the teleoperation it reported end for a reason
 *                     (connection closed, call ended, device gone): the engine then ends a session
 *                     this detector carried at once, without the hold time; {@code null} otherwise.
 *                     Report it with {@code active = false}, as long as the view lasts.
 */
public record DetectorSignal(String detector, Instant timestamp, boolean active, int confidence,
        List<Operator> operators, Map<String, Double> measurements, String robotType, String reason,
        EndReason ended) {

    public DetectorSignal {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(timestamp, "timestamp");
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100, was " + confidence);
        }
        operators = operators == null ? List.of() : List.copyOf(operators);
        measurements = measurements == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
        robotType = robotType == null ? "" : robotType;
        reason = reason == null ? "" : reason;
    }

    /** A signal without an end reason, as before end reasons existed. */
    public DetectorSignal(String detector, Instant timestamp, boolean active, int confidence,
            List<Operator> operators, Map<String, Double> measurements, String robotType, String reason) {
        this(detector, timestamp, active, confidence, operators, measurements, robotType, reason, null);
    }

    /** A signal that says "nothing seen". */
    public static DetectorSignal idle(String detector, Instant timestamp) {
        return new DetectorSignal(detector, timestamp, false, 0, List.of(), Map.of(), "", "idle");
    }

    public static Builder builder(String detector) {
        return new Builder(detector);
    }

    /** A measurement by name, or {@code NaN} when this signal has none. */
    public double measurement(String name) {
        Double value = measurements.get(name);
        return value == null ? Double.NaN : value;
    }

    /** Builds a signal; every field but the detector name has a neutral default. */
    public static final class Builder {
        private final String detector;
        private Instant timestamp;
        private boolean active;
        private int confidence;
        private final List<Operator> operators = new ArrayList<>();
        private final Map<String, Double> measurements = new LinkedHashMap<>();
        private String robotType = "";
        private String reason = "";
        private EndReason ended;

        private Builder(String detector) {
            this.detector = detector;
        }

        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        public Builder active(boolean value) {
            this.active = value;
            return this;
        }

        /** Sets the confidence, clamped to 0..100. */
        public Builder confidence(int value) {
            this.confidence = Math.max(0, Math.min(100, value));
            return this;
        }

        public Builder operator(Operator value) {
            operators.add(value);
            return this;
        }

        /** Adds a measurement; NaN and infinite values are ignored rather than published. */
        public Builder measurement(String name, double value) {
            if (Double.isFinite(value)) {
                measurements.put(name, value);
            }
            return this;
        }

        public Builder robotType(String value) {
            this.robotType = value;
            return this;
        }

        public Builder reason(String value) {
            this.reason = value;
            return this;
        }

        /** Teleoperation ended for this reason (see {@link DetectorSignal#ended()}). */
        public Builder ended(EndReason value) {
            this.ended = value;
            return this;
        }

        public DetectorSignal build() {
            return new DetectorSignal(detector, timestamp == null ? Instant.now() : timestamp, active,
                    confidence, operators, measurements, robotType, reason, ended);
        }
    }
}
