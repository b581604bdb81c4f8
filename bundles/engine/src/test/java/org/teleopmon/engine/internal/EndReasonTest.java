package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.engine.internal.Timeline.T0;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;

/** Why sessions end, and when: at once on a reported teardown, after the hold when evidence fades. */
class EndReasonTest {

    private final Timeline t = new Timeline().attach("zmq", 90).attach("webrtc", 80);

    @Test
    void aTeardownReportedByTheOnlyCarrierEndsTheSessionAtOnceAtItsLastCommand() {
        t.push("zmq", 90, "10.0.0.7");
        t.keep("zmq", 90, ms(3000), "10.0.0.7");
        Instant lastCommand = t.clock.instant();
        t.advance(40);

        t.end("zmq", EndReason.Kind.OPERATOR_CLOSED, lastCommand);

        assertThat(t.correlator.state().active()).as("no hold time").isFalse();
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.end()).isEqualTo(lastCommand);
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(session.endReason().detail()).isEqualTo("operator_closed seen by zmq");
        assertThat(session.endReason().at()).isEqualTo(lastCommand);
        assertThat(session.endReason().kind().category()).isEqualTo("connection_closed");
    }

    @Test
    void evidenceThatFadesEndsAfterTheHoldAsIdle() {
        t.push("zmq", 90, "10.0.0.7");
        t.keep("zmq", 90, ms(1000), "10.0.0.7");
        t.push("zmq", 0);
        Instant fell = t.clock.instant();
        t.run(ms(2000));

        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.end()).isEqualTo(fell);
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.IDLE);
        assertThat(session.endReason().detail()).contains("hold time (2.0 s)");
    }

    @Test
    void aDetectorThatOnlyCorroboratedDoesNotHoldTheSessionAfterItsCarrierClosed() {
        t.push("zmq", 90, "10.0.0.7");
        t.push("network", 50, "10.0.0.7");
        t.advance(500);
        Instant lastCommand = t.clock.instant();
        t.push("network", 0);
        t.end("zmq", EndReason.Kind.OPERATOR_CLOSED, lastCommand);

        assertThat(t.correlator.state().active()).as("network only corroborated: no hold").isFalse();
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(session.end()).isEqualTo(lastCommand);
    }

    @Test
    void aCorroboratorStillAboveTheLowerThresholdDoesNotHoldTheSessionEither() {
        t.push("zmq", 90, "10.0.0.7");
        t.push("webrtc", 60, "10.0.0.7"); // plain RTP video beside the commands (60 x 0.8 = 48), still flowing
        t.advance(500);
        assertThat(t.correlator.state().confidence()).isGreaterThanOrEqualTo(70);
        Instant lastCommand = t.clock.instant();
        t.end("zmq", EndReason.Kind.OPERATOR_CLOSED, lastCommand);

        assertThat(t.correlator.state().confidence()).as("the video alone, above the lower threshold")
                .isBetween(Settings.defaults().lowerThreshold(), Settings.defaults().threshold() - 1);
        assertThat(t.correlator.state().active()).as("webrtc only corroborated: no hold").isFalse();
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(session.end()).isEqualTo(lastCommand);
        t.keep("webrtc", 60, ms(3000), "10.0.0.7");
        assertThat(t.correlator.state().active()).as("the video alone starts nothing").isFalse();
    }

    @Test
    void whileAnotherCarrierOnlyWentQuietTheHoldStillApplies() {
        t.push("zmq", 90, "10.0.0.7");
        t.push("webrtc", 90, "10.0.0.8");
        t.keep("webrtc", 90, ms(1000), "10.0.0.8");
        t.push("webrtc", 0);
        Instant quiet = t.clock.instant();
        t.advance(50);
        t.end("zmq", EndReason.Kind.ROBOT_CLOSED, t.clock.instant());

        assertThat(t.correlator.state().active()).as("webrtc merely went quiet: hold").isTrue();
        t.run(ms(2000));
        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.IDLE);
        assertThat(session.end()).isAfterOrEqualTo(quiet);
    }

    @Test
    void whenEveryCarrierReportsAnEndTheLatestOneNamesIt() {
        t.push("zmq", 90, "10.0.0.7");
        t.push("webrtc", 90, "10.0.0.8");
        t.advance(500);
        t.end("webrtc", EndReason.Kind.CALL_ENDED, t.clock.instant());
        assertThat(t.correlator.state().active()).as("zmq still carries it").isTrue();
        t.advance(300);
        Instant last = t.clock.instant();
        t.end("zmq", EndReason.Kind.OPERATOR_CLOSED, last);

        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(session.end()).isEqualTo(last);
    }

    @Test
    void anEndReportedBeforeTheSessionStartedDoesNotEndIt() {
        t.push("zmq", 90, "10.0.0.7");
        t.end("zmq", EndReason.Kind.OPERATOR_CLOSED, t.clock.instant());
        t.run(ms(3000));
        t.push("webrtc", 90, "10.0.0.8");
        assertThat(t.correlator.state().active()).isTrue();
        t.advance(100);
        t.push("webrtc", 0);
        assertThat(t.correlator.state().active()).as("the old zmq end is not this session's").isTrue();
    }

    @Test
    void anEndTimeFromBeforeTheStartOrTheFutureIsClamped() {
        t.advance(1000);
        t.push("zmq", 90, "10.0.0.7");
        Instant start = t.clock.instant();
        t.advance(100);
        t.end("zmq", EndReason.Kind.OPERATOR_CLOSED, T0);
        assertThat(t.last(TELEOPERATION_STOPPED).session().end()).isEqualTo(start);
    }

    @Test
    void stoppingTheEngineEndsAnOpenSessionAsMonitorStopped() {
        t.push("zmq", 90, "10.0.0.7");
        t.advance(700);
        t.correlator.shutdown();

        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.endReason().kind()).isEqualTo(EndReason.Kind.MONITOR_STOPPED);
        assertThat(session.end()).isEqualTo(t.clock.instant());
        assertThat(t.correlator.state().active()).isFalse();
        t.correlator.shutdown();
        assertThat(t.count(TELEOPERATION_STOPPED)).isEqualTo(1);
    }
}
