package org.teleopmon.shm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.teleopmon.api.Measurements;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.TeleopState;
import org.teleopmon.shm.reader.ShmMetrics;
import org.teleopmon.shm.reader.ShmOperator;
import org.teleopmon.shm.reader.ShmState;

/** The API's state in the region's terms: epoch milliseconds, at most {@code slots} operators. */
final class StateMapper {

    private StateMapper() {
    }

    static ShmState toShm(TeleopState state, int slots) {
        List<ShmOperator> operators = new ArrayList<>(Math.min(slots, state.operators().size()));
        for (OperatorInfo info : state.operators()) {
            if (operators.size() == slots) {
                break;
            }
            operators.add(new ShmOperator(info.operator().id(), info.operator().name(),
                    info.operator().source().name(), info.firstSeen().toEpochMilli(), info.lastSeen().toEpochMilli()));
        }
        return new ShmState(state.active(), state.confidence(), operators, state.operators().size(),
                millis(state.startTime()), state.duration().toMillis(), state.robotType(), metrics(state),
                0, state.timestamp().toEpochMilli());
    }

    /** Bit i of the mask is element i of {@link Measurements#STATE_METRICS}; the region's order is the same. */
    static ShmMetrics metrics(TeleopState state) {
        int mask = 0;
        List<String> names = Measurements.STATE_METRICS;
        for (int i = 0; i < names.size(); i++) {
            if (state.metrics().containsKey(names.get(i))) {
                mask |= 1 << i;
            }
        }
        return new ShmMetrics(state.metricValue(Measurements.LATENCY_MS), state.metricValue(Measurements.BANDWIDTH_MBPS),
                state.metricValue(Measurements.PACKET_LOSS_PERCENT), state.metricValue(Measurements.FPS),
                state.metricValue(Measurements.COMMAND_RATE_HZ), mask);
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
