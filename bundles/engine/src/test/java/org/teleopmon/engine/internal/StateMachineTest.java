package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.OPERATOR_CONNECTED;
import static org.teleopmon.api.EventType.OPERATOR_DISCONNECTED;
import static org.teleopmon.api.EventType.STATE_UPDATE;
import static org.teleopmon.api.EventType.TELEOPERATION_STARTED;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.engine.internal.Timeline.T0;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopState;

/** Scripted timelines through fusion and the hysteresis state machine. */
class StateMachineTest {

    private final Timeline t = new Timeline().attach("zmq", 90).attach("input", 50).attach("video", 60);

    @Test
    void startsAtOnceWhenConfidenceCrossesTheThreshold() {
        t.advance(1000);
        t.push("zmq", 90, "10.0.0.7");

        TeleopState state = t.correlator.state();
        assertThat(state.active()).isTrue();
        assertThat(state.confidence()).isEqualTo(81);
        assertThat(state.startTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(t.types()).containsExactly(OPERATOR_CONNECTED, TELEOPERATION_STARTED, STATE_UPDATE);
        SessionRecord session = t.last(TELEOPERATION_STARTED).session();
        assertThat(session.isOpen()).isTrue();
        assertThat(session.operators()).extracting(o -> o.id()).containsExactly("10.0.0.7");
        assertThat(session.robotType()).isEqualTo("lekiwi");
    }

    @Test
    void oneWeakSignalAloneDoesNotStartButCorroborationDoes() {
        t.keep("input", 80, ms(1000), "Xbox");
        assertThat(t.correlator.state().confidence()).isEqualTo(40);
        assertThat(t.correlator.state().active()).isFalse();

        t.push("video", 70);
        assertThat(t.correlator.state().confidence()).isEqualTo(65);
        assertThat(t.correlator.state().active()).isFalse();

        t.push("zmq", 60);
        assertThat(t.correlator.state().confidence()).isGreaterThanOrEqualTo(70);
        assertThat(t.correlator.state().active()).isTrue();
    }

    @Test
    void stopsOnlyAfterTheHoldTimeAndEndsWhenTheConfidenceFell() {
        t.push("zmq", 90, "10.0.0.7");
        t.keep("zmq", 90, ms(3000), "10.0.0.7");
        t.push("zmq", 0);
        var stoppedAt = t.clock.instant();

        t.run(ms(1900));
        assertThat(t.correlator.state().active()).as("within hold.time").isTrue();
        t.run(ms(100));

        assertThat(t.correlator.state().active()).isFalse();
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.end()).isEqualTo(stoppedAt);
        assertThat(session.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.correlator.sessions()).containsExactly(session);
        assertThat(t.types(TELEOPERATION_STARTED, TELEOPERATION_STOPPED, OPERATOR_DISCONNECTED))
                .containsExactly(TELEOPERATION_STARTED, TELEOPERATION_STOPPED, OPERATOR_DISCONNECTED);
    }

    @Test
    void confidenceFlappingAroundTheThresholdIsOneSession() {
        for (int i = 0; i < 50; i++) {
            t.push("zmq", i % 2 == 0 ? 90 : 60);
            t.advance(150);
        }
        t.push("zmq", 0);
        t.run(ms(2000));

        assertThat(t.count(TELEOPERATION_STARTED)).isEqualTo(1);
        assertThat(t.count(TELEOPERATION_STOPPED)).isEqualTo(1);
        assertThat(t.correlator.stats().stateChanges()).isEqualTo(2);
    }

    @Test
    void thirtyHertzStreamWithThreeHundredMillisecondStallsIsOneSession() {
        // A detector that drops to idle 100 ms into each stall, as a message-rate detector would.
        for (int second = 0; second < 20; second++) {
            for (int frame = 0; frame < 21; frame++) {
                t.push("zmq", 90, Map.of("command_rate_hz", 30.0), "10.0.0.7");
                t.advance(33);
                t.correlator.tick();
            }
            t.advance(100);
            t.push("zmq", 0, "10.0.0.7");
            t.advance(200);
            t.correlator.tick();
        }
        t.push("zmq", 0);
        t.run(ms(2000));

        assertThat(t.count(TELEOPERATION_STARTED)).isEqualTo(1);
        assertThat(t.count(TELEOPERATION_STOPPED)).isEqualTo(1);
        assertThat(t.count(OPERATOR_CONNECTED)).isEqualTo(1);
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.duration()).isBetween(Duration.ofMillis(19_500), Duration.ofMillis(20_000));
        assertThat(session.summary().get("command_rate_hz").mean()).isEqualTo(30.0);
    }

    @Test
    void aSessionThatNeverReachesTheThresholdAgainStillEndsAfterHold() {
        t.push("zmq", 90);
        t.keep("zmq", 50, ms(1000));
        assertThat(t.correlator.state().active()).as("45 is above lower.threshold 40").isTrue();
        t.keep("zmq", 40, ms(3000));
        assertThat(t.correlator.state().active()).as("36 is below 40 for 3 s").isFalse();
    }

    @Test
    void robotTypeRecognisedByADetectorWinsOverTheConfiguredOne() {
        t.correlator.signal(org.teleopmon.api.DetectorSignal.builder("zmq").timestamp(t.clock.instant()).active(true)
                .confidence(90).robotType("xle").build());
        assertThat(t.correlator.state().robotType()).isEqualTo("xle");
        assertThat(t.last(TELEOPERATION_STARTED).session().robotType()).isEqualTo("xle");
    }

    @Test
    void sessionHistoryKeepsTheNewestFirst() {
        Settings d = Settings.defaults();
        Timeline small = new Timeline(new Settings(d.robotType(), 70, 40, Duration.ZERO, d.detectionInterval(),
                d.updateInterval(), d.silenceTimeout(), Map.of(), 2, List.of())).attach("zmq", 100);
        for (int i = 0; i < 3; i++) {
            small.push("zmq", 90);
            small.advance(1000);
            small.push("zmq", 0);
            small.advance(1000);
        }
        List<SessionRecord> sessions = small.correlator.sessions();
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).start()).isAfter(sessions.get(1).start());
        assertThat(sessions.get(0).id()).endsWith("-3");
        assertThat(small.correlator.stats().sessions()).isEqualTo(3);
    }
}
