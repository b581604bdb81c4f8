package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.engine.internal.Hysteresis.Transition.NONE;
import static org.teleopmon.engine.internal.Hysteresis.Transition.STARTED;
import static org.teleopmon.engine.internal.Hysteresis.Transition.STOPPED;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HysteresisTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private final Hysteresis machine = new Hysteresis();
    private final Settings settings = Settings.defaults();

    private Hysteresis.Transition at(long millis, int confidence) {
        return machine.update(confidence, T.plusMillis(millis), settings, null);
    }

    @Test
    void startsAtTheThresholdAndNotBelow() {
        assertThat(at(0, 69)).isEqualTo(NONE);
        assertThat(at(10, 70)).isEqualTo(STARTED);
        assertThat(at(20, 100)).isEqualTo(NONE);
        assertThat(machine.active()).isTrue();
    }

    @Test
    void betweenTheThresholdsTheSessionContinuesForever() {
        at(0, 80);
        for (int i = 1; i < 100; i++) {
            assertThat(at(i * 1000L, 40)).isEqualTo(NONE);
        }
        assertThat(machine.active()).isTrue();
    }

    @Test
    void stopsAfterTheHoldAndRemembersWhenItFell() {
        at(0, 80);
        assertThat(at(1000, 39)).isEqualTo(NONE);
        assertThat(at(2999, 0)).isEqualTo(NONE);
        assertThat(at(3000, 0)).isEqualTo(STOPPED);
        assertThat(machine.fellAt()).isEqualTo(T.plusMillis(1000));
        assertThat(machine.active()).isFalse();
    }

    @Test
    void recoveringAboveTheLowerThresholdRestartsTheHold() {
        at(0, 80);
        at(1000, 10);
        at(2500, 45);
        assertThat(at(3500, 10)).isEqualTo(NONE);
        assertThat(at(5400, 10)).isEqualTo(NONE);
        assertThat(at(5500, 10)).isEqualTo(STOPPED);
        assertThat(machine.fellAt()).isEqualTo(T.plusMillis(3500));
    }
}
