package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.STATE_UPDATE;
import static org.teleopmon.api.EventType.TELEOPERATION_STARTED;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.engine.internal.Timeline.T0;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.SessionRecord;

/** The wall clock steps (NTP, a Pi without RTC booting at 1970): nothing goes negative, nothing ends early. */
class ClockEdgeTest {

    private final Timeline t = new Timeline().attach("zmq", 90);

    @Test
    void clockSteppingBackDuringASessionNeitherEndsItNorGoesNegative() {
        t.push("zmq", 90, "10.0.0.7");
        t.keep("zmq", 90, ms(1000), "10.0.0.7");
        t.push("zmq", 0);
        t.advance(1000);
        t.clock.set(T0.minusSeconds(3600));
        t.correlator.tick();

        assertThat(t.correlator.state().active()).isTrue();
        assertThat(t.correlator.state().duration()).isEqualTo(Duration.ZERO);
        assertThat(t.correlator.sessions().get(0).duration()).isEqualTo(Duration.ZERO);
        assertThat(t.correlator.stats().uptime()).isEqualTo(Duration.ZERO);

        t.run(ms(1900));
        assertThat(t.correlator.state().active()).as("hold restarts from the stepped clock").isTrue();
        t.run(ms(100));
        assertThat(t.correlator.state().active()).isFalse();
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.duration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void clockJumpingForwardPastHoldEndsTheSessionWhenTheConfidenceFell() {
        t.push("zmq", 90);
        t.keep("zmq", 90, ms(2000));
        t.push("zmq", 0);
        t.advance(3_600_000);
        t.correlator.tick();

        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void manySignalsAtTheSameInstantAreAllCounted() {
        for (int i = 1; i <= 5; i++) {
            t.push("zmq", 10 * i + 40);
        }
        assertThat(t.correlator.stats().detections()).isEqualTo(5);
        assertThat(t.count(TELEOPERATION_STARTED)).isEqualTo(1);
    }

    @Test
    void stateUpdatesResumeAfterTheClockStepsBack() {
        t.push("zmq", 90, Map.of("fps", 30.0));
        long before = t.count(STATE_UPDATE);
        t.clock.set(T0.minusSeconds(60));
        t.push("zmq", 90, Map.of("fps", 20.0));
        assertThat(t.count(STATE_UPDATE)).isEqualTo(before + 1);
    }
}
