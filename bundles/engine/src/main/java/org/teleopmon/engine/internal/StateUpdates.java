package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.TeleopState;

/** Decides when a {@code state_update} is due: on a forced change at once, otherwise at most every interval. */
final class StateUpdates {

    /** What a client would notice (an operator's new name too); the duration and timestamp always move. */
    private record Fingerprint(boolean active, int confidence, List<Operator> operators, String robotType,
            Map<String, Double> metrics) {

        static Fingerprint of(TeleopState state) {
            Map<String, Double> metrics = new TreeMap<>();
            state.metrics().forEach((name, reading) -> metrics.put(name, reading.value()));
            return new Fingerprint(state.active(), state.confidence(),
                    state.operators().stream().map(OperatorInfo::operator).toList(),
                    state.robotType(), metrics);
        }
    }

    private Fingerprint last;
    private Instant lastAt;

    boolean due(TeleopState state, Instant now, Duration interval, boolean forced) {
        if (forced) {
            return true;
        }
        if (lastAt.isAfter(now)) {
            lastAt = now.minus(interval); // the clock stepped back: do not hold updates until it catches up
        }
        return Duration.between(lastAt, now).compareTo(interval) >= 0 && !Fingerprint.of(state).equals(last);
    }

    /** Whether {@code state} differs from the last one published in what a client would notice. */
    boolean pending(TeleopState state) {
        return !Fingerprint.of(state).equals(last);
    }

    void published(TeleopState state, Instant now) {
        last = Fingerprint.of(state);
        lastAt = now;
    }
}
