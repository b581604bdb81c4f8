package org.teleopmon.shm.reader;

import java.util.List;

/**
 * One consistent record of the state region.
 *
 * @param active         whether teleoperation is in progress
 * @param confidence     fused confidence 0..100
 * @param operators      the operators, at most the region's slot count
 * @param operatorsTotal how many operators the monitor sees (more than {@code operators.size()} when cut)
 * @param startTimeMs    epoch milliseconds the session started, 0 when idle
 * @param durationMs     session length, 0 when idle
 * @param robotType      {@code lekiwi}, {@code xle}, or empty (at most 16 bytes)
 * @param metrics        the measurements
 * @param updateCounter  how many records the writer has published, this one included (set by the writer)
 * @param timestampMs    epoch milliseconds the monitor computed this state
 */
public record ShmState(boolean active, int confidence, List<ShmOperator> operators, int operatorsTotal,
        long startTimeMs, long durationMs, String robotType, ShmMetrics metrics, long updateCounter,
        long timestampMs) {

    public ShmState {
        operators = operators == null ? List.of() : List.copyOf(operators);
        robotType = robotType == null ? "" : robotType;
        metrics = metrics == null ? ShmMetrics.NONE : metrics;
    }

    public static ShmState idle(long timestampMs) {
        return new ShmState(false, 0, List.of(), 0, 0, 0, "", ShmMetrics.NONE, 0, timestampMs);
    }
}
