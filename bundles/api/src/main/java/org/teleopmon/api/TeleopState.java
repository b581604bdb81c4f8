package org.teleopmon.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fused answer: is the robot teleoperated now, by whom, since when, and how well.
 *
 * @param active     whether a teleoperation session is in progress
 * @param operators  the operators currently seen
 * @param confidence fused confidence 0..100
 * @param startTime  when the current session started, or {@code null} when idle
 * @param duration   how long the current session has lasted; zero when idle
 * @param robotType  the robot type in force ({@code lekiwi}, {@code xle})
 * @param metrics    the latest reading of each {@link Measurements#STATE_METRICS} name that is known
 * @param timestamp  when this state was computed
 */
public record TeleopState(boolean active, List<OperatorInfo> operators, int confidence, Instant startTime,
        Duration duration, String robotType, Map<String, Reading> metrics, Instant timestamp) {

    public TeleopState {
        operators = operators == null ? List.of() : List.copyOf(operators);
        duration = duration == null ? Duration.ZERO : duration;
        robotType = robotType == null ? "" : robotType;
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The state before anything was detected. */
    public static TeleopState idle(String robotType, Instant now) {
        return new TeleopState(false, List.of(), 0, null, Duration.ZERO, robotType, Map.of(), now);
    }

    public Optional<Reading> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** The metric's value, or {@code 0.0} when unknown; {@link #metric(String)} tells the two apart. */
    public double metricValue(String name) {
        Reading reading = metrics.get(name);
        return reading == null ? 0.0 : reading.value();
    }
}
