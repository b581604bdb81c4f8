package org.teleopmon.shm.reader;

import java.util.ArrayList;
import java.util.List;

/**
 * States whose every field derives from one number k, so that a reader can tell a torn record
 * (fields from two different publishes) from a whole one.
 */
final class TestStates {

    private TestStates() {
    }

    static ShmState of(long k) {
        int count = (int) (k % 4);
        List<ShmOperator> operators = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            operators.add(new ShmOperator("op-" + k + "-" + i, "name-" + k, "NETWORK_PEER", k + i, k + 2 * i));
        }
        ShmMetrics metrics = new ShmMetrics(k, 2.0 * k, 3.0 * k, 4.0 * k, 5.0 * k, (int) (k % 32));
        return new ShmState(k % 2 == 0, (int) (k % 101), operators, count, k * 10, k * 20, k % 2 == 0 ? "lekiwi" : "xle",
                metrics, 0, k);
    }

    /** Null when {@code s} is a whole record of one k, else what is wrong. */
    static String tornness(ShmState s) {
        long k = s.timestampMs();
        ShmState expected = of(k);
        ShmState normalized = new ShmState(s.active(), s.confidence(), s.operators(), s.operatorsTotal(),
                s.startTimeMs(), s.durationMs(), s.robotType(), s.metrics(), 0, s.timestampMs());
        return normalized.equals(expected) ? null : "torn record for k=" + k + ": " + s;
    }
}
