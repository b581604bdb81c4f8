package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.TELEOPERATION_STARTED;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.api.EventType.TELEOP_STALL;
import static org.teleopmon.api.EventType.VIDEO_STALL;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;

/**
 * Command and video stalls on a hand-moved clock. The detector here behaves as the ZMQ detector does:
 * it pushes a view at each command after a gap, the engine polls it every 100 ms in between, every view
 * carries the time since the last command, and its confidence drops to the watchdog's 70 past 0.5 s
 * and to nothing past its 2 s silence timeout.
 */
class StallTest {

    private static final String ZMQ = "zmq";
    private static final long PERIOD_MS = 33;

    private final Timeline t = new Timeline().attach(ZMQ, 100);
    private Instant lastCommand;
    private double fps = 30;

    @Test
    void aGapShorterThanTheThresholdIsNoStall() {
        commands(1000);
        pause(300);
        commands(1000);

        assertThat(t.count(TELEOP_STALL)).isZero();
        assertThat(t.count(TELEOPERATION_STARTED)).isEqualTo(1);
        assertThat(t.correlator.state().active()).isTrue();
        assertThat(t.correlator.sessions().get(0).stalls().count()).as("measured, none").isZero();
    }

    @Test
    void aGapLongerThanTheWatchdogIsOneStallOfExactlyItsLengthAndDoesNotSplitTheSession() {
        commands(1000);
        String session = t.correlator.sessions().get(0).id();
        Instant before = lastCommand;
        pause(600);
        assertThat(t.count(TELEOP_STALL)).as("told when it is over, not before").isZero();
        commands(1000);

        assertThat(t.count(TELEOP_STALL)).isEqualTo(1);
        Stall stall = t.last(TELEOP_STALL).stall();
        assertThat(stall.kind()).isEqualTo(Stall.Kind.COMMAND);
        assertThat(stall.detector()).isEqualTo(ZMQ);
        assertThat(stall.started()).isEqualTo(before);
        assertThat(stall.duration()).isEqualTo(ms(600));
        assertThat(stall.threshold()).isEqualTo(ms(500));
        assertThat(stall.sessionId()).isEqualTo(session);
        assertThat(t.count(TELEOPERATION_STARTED)).as("no split").isEqualTo(1);
        assertThat(t.count(TELEOPERATION_STOPPED)).isZero();
        SessionRecord open = t.correlator.sessions().get(0);
        assertThat(open.stalls().count()).isEqualTo(1);
        assertThat(open.stalls().worstMs()).isEqualTo(600.0);
    }

    @Test
    void theCommandStallAlertFiresWhileTheGapLastsAndResolvesWhenItEnds() {
        CommandStallCheck check = new CommandStallCheck(t.correlator);
        commands(1000);
        assertThat(check.check(null, null).firing()).isFalse();
        poll(ms(400));
        assertThat(check.check(null, null).firing()).as("400 ms: below the watchdog").isFalse();
        poll(ms(200));
        AlertCheck.Result firing = check.check(null, null);
        assertThat(firing.firing()).isTrue();
        assertThat(firing.subject()).isEqualTo(ZMQ);
        assertThat(firing.value()).isEqualTo(600.0);
        assertThat(firing.message()).contains("600 ms");
        command();
        assertThat(check.check(null, null).firing()).isFalse();
    }

    @Test
    void aStallLongerThanTheHoldEndsTheSessionAsAStallAndIsToldWithItsRealLengthWhenCommandsResume() {
        commands(1000);
        Instant before = lastCommand;
        String first = t.correlator.sessions().get(0).id();
        pause(3000);
        commands(1000);

        SessionRecord ended = t.last(TELEOPERATION_STOPPED).session();
        assertThat(ended.id()).isEqualTo(first);
        assertThat(ended.endReason().kind()).isEqualTo(EndReason.Kind.STALL);
        assertThat(ended.endReason().detail()).contains("while the connection stayed open").contains("zmq");
        assertThat(ended.end()).as("ends at its last command").isEqualTo(before);
        assertThat(ended.stalls().count()).isEqualTo(1);
        assertThat(ended.stalls().worstMs()).as("as long as it was when the session ended").isBetween(2000.0, 2200.0);

        assertThat(t.count(TELEOP_STALL)).isEqualTo(1);
        Stall stall = t.last(TELEOP_STALL).stall();
        assertThat(stall.duration()).isEqualTo(ms(3000));
        assertThat(stall.sessionId()).isEqualTo(first);
        assertThat(t.types(TELEOP_STALL, TELEOPERATION_STARTED, TELEOPERATION_STOPPED)).containsExactly(
                TELEOPERATION_STARTED, TELEOPERATION_STOPPED, TELEOP_STALL, TELEOPERATION_STARTED);
        assertThat(t.correlator.sessions().get(0).stalls().count()).as("the new session's own").isZero();
    }

    @Test
    void aPushedViewOlderThanAPollStillGivesTheFirstCommandsOwnInstant() {
        commands(1000);
        Instant before = lastCommand;
        pause(700);
        Instant resumed = t.clock.instant().plusMillis(PERIOD_MS);
        // the poll ran after the command was captured but before the detector had handled it
        t.clock.set(resumed.plusMillis(5));
        pollShowing(before);
        t.clock.set(resumed.plusMillis(10));
        t.correlator.signal(view(resumed, resumed, 95));
        lastCommand = resumed;

        assertThat(t.last(TELEOP_STALL).stall().started()).isEqualTo(before);
        assertThat(t.last(TELEOP_STALL).stall().ended()).isEqualTo(resumed);
        assertThat(t.count(TELEOP_STALL)).isEqualTo(1);
    }

    @Test
    void aStallInProgressWhenTheMonitorStopsEndsWithTheSession() {
        commands(1000);
        poll(ms(800));
        Instant stop = t.clock.instant();
        t.correlator.shutdown();

        Stall stall = t.last(TELEOP_STALL).stall();
        assertThat(stall.ended()).isEqualTo(stop);
        assertThat(stall.duration()).isEqualTo(ms(800));
        assertThat(t.last(TELEOPERATION_STOPPED).session().stalls().count()).isEqualTo(1);
        assertThat(t.types(TELEOP_STALL, TELEOPERATION_STOPPED)).containsExactly(TELEOP_STALL, TELEOPERATION_STOPPED);
    }

    @Test
    void aClosedConnectionEndsTheSessionAtItsLastCommandWithoutAStall() {
        commands(1000);
        t.advance(40);
        t.end(ZMQ, EndReason.Kind.OPERATOR_CLOSED, lastCommand);

        assertThat(t.last(TELEOPERATION_STOPPED).session().endReason().kind())
                .isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(t.count(TELEOP_STALL)).isZero();
    }

    @Test
    void gapsOutsideASessionAreNoStalls() {
        t.push(ZMQ, 40, Map.of(Measurements.SINCE_LAST_COMMAND_MS, 0.0)); // below the start threshold
        t.advance(1500);
        t.push(ZMQ, 40, Map.of(Measurements.SINCE_LAST_COMMAND_MS, 0.0));

        assertThat(t.count(TELEOP_STALL)).isZero();
    }

    @Test
    void aVideoGapThatBeganBeforeTheSessionIsNoStall() {
        // frames before any command (the robot streams to a connected client), then a pause, then the
        // commands that start the session, then frames again: the gap began outside the session
        Instant frame = t.clock.instant();
        t.correlator.signal(DetectorSignal.builder(ZMQ).timestamp(frame).active(false).confidence(0)
                .measurement(Measurements.SINCE_LAST_FRAME_MS, 0).build());
        t.advance(1400);
        for (int i = 0; i < 3; i++) {
            t.advance(PERIOD_MS);
            t.correlator.signal(framesView(t.clock.instant(), frame));
        }
        assertThat(t.correlator.state().active()).isTrue();
        t.advance(PERIOD_MS);
        t.correlator.signal(framesView(t.clock.instant(), t.clock.instant()));

        assertThat(t.count(VIDEO_STALL)).isZero();
    }

    @Test
    void withoutTheMeasurementStallsAreUnknownAndAFadedSessionIsIdle() {
        t.push(ZMQ, 95);
        t.keep(ZMQ, 95, ms(1000));
        t.push(ZMQ, 0);
        t.run(ms(2500));

        SessionRecord ended = t.last(TELEOPERATION_STOPPED).session();
        assertThat(ended.endReason().kind()).isEqualTo(EndReason.Kind.IDLE);
        assertThat(ended.stalls().counted()).isFalse();
    }

    @Test
    void aFlowingVideoWithoutFramesForLongerThanTheThresholdIsOneVideoStall() {
        commands(1000);
        Instant lastFlowing = t.clock.instant();
        fps = 0;
        commands(500);
        assertThat(t.count(VIDEO_STALL)).as("0.5 s without frames: below the threshold").isZero();
        fps = 30;
        commands(1000);
        assertThat(t.count(VIDEO_STALL)).isZero();

        lastFlowing = t.clock.instant();
        fps = 0;
        commands(2000);
        fps = 30;
        command();

        assertThat(t.count(VIDEO_STALL)).isEqualTo(1);
        Stall stall = t.last(VIDEO_STALL).stall();
        assertThat(stall.kind()).isEqualTo(Stall.Kind.VIDEO);
        assertThat(stall.started()).isEqualTo(lastFlowing);
        assertThat(stall.duration()).as("to the first view with frames again").isBetween(ms(2000),
                ms(2000 + 2 * PERIOD_MS));
        assertThat(stall.threshold()).isEqualTo(ms(1000));
        assertThat(t.count(TELEOP_STALL)).as("commands kept coming").isZero();
    }

    @Test
    void theTimeSinceTheLastFrameGivesVideoStallsOfExactlyTheirLength() {
        commands(1000);
        Instant frame = lastCommand;
        fps = Double.NaN; // only since_last_frame_ms from here on
        for (int i = 0; i < 15; i++) {
            t.advance(100);
            t.correlator.polled(ZMQ, framesView(t.clock.instant(), frame), Health.ok());
        }
        Instant next = frame.plusMillis(1500);
        t.clock.set(next);
        t.correlator.signal(framesView(next, next));

        assertThat(t.count(VIDEO_STALL)).isEqualTo(1);
        assertThat(t.last(VIDEO_STALL).stall().started()).isEqualTo(frame);
        assertThat(t.last(VIDEO_STALL).stall().duration()).isEqualTo(ms(1500));
    }

    @Test
    void aVideoStallInProgressWhenTheSessionEndsIsToldAtItsEnd() {
        commands(1000);
        fps = 0;
        commands(1500);
        t.advance(20);
        t.end(ZMQ, EndReason.Kind.ROBOT_CLOSED, lastCommand);

        assertThat(t.count(VIDEO_STALL)).isEqualTo(1);
        assertThat(t.last(VIDEO_STALL).stall().ended()).isEqualTo(lastCommand);
    }

    @Test
    void stallEventsGoOnTheWireWithTheirSession() {
        commands(1000);
        pause(700);
        command();
        TeleopEvent event = t.last(TELEOP_STALL);
        assertThat(event.timestamp()).isEqualTo(event.stall().ended());
        assertThat(event.state()).isNotNull();
        assertThat(List.of(event.stall().sessionId())).containsExactly(t.correlator.sessions().get(0).id());
        assertThat(EventAdminBridge.properties(event)).containsEntry("type", "teleop_stall")
                .containsEntry("stall.kind", "command").containsEntry("stall.detector", ZMQ)
                .containsEntry("stall.duration.ms", 700L).containsEntry("session.id", event.stall().sessionId());
    }

    /** Commands every {@value #PERIOD_MS} ms for {@code millis}, each pushed at once. */
    private void commands(long millis) {
        for (long at = 0; at < millis; at += PERIOD_MS) {
            command();
        }
    }

    /** One command after the usual period (after a pause: its end), pushed with its own instant. */
    private void command() {
        t.advance(PERIOD_MS);
        lastCommand = t.clock.instant();
        t.correlator.signal(view(lastCommand, lastCommand, 95));
    }

    /** No command for {@code millis} in all: the next {@link #command()} comes exactly then. */
    private void pause(long millis) {
        poll(ms(millis - PERIOD_MS));
    }

    /** The engine's polls every 100 ms over {@code duration}, without a command. */
    private void poll(Duration duration) {
        long end = t.clock.instant().plus(duration).toEpochMilli();
        while (t.clock.instant().toEpochMilli() + 100 <= end) {
            t.advance(100);
            pollShowing(lastCommand);
        }
        t.clock.set(Instant.ofEpochMilli(end));
        pollShowing(lastCommand);
    }

    /** One poll of the detector, whose last command was {@code last}, then the engine's tick. */
    private void pollShowing(Instant last) {
        Instant now = t.clock.instant();
        long since = Duration.between(last, now).toMillis();
        int confidence = since <= 500 ? 95 : since <= 2000 ? 70 : 0;
        t.correlator.polled(ZMQ, view(now, last, confidence), Health.ok());
        t.correlator.tick();
    }

    /** A view with commands flowing and the last frame at {@code frame}. */
    private DetectorSignal framesView(Instant at, Instant frame) {
        return DetectorSignal.builder(ZMQ).timestamp(at).active(true).confidence(95)
                .measurement(Measurements.SINCE_LAST_COMMAND_MS, 0)
                .measurement(Measurements.SINCE_LAST_FRAME_MS, Duration.between(frame, at).toNanos() / 1e6).build();
    }

    private DetectorSignal view(Instant at, Instant last, int confidence) {
        return DetectorSignal.builder(ZMQ).timestamp(at).active(confidence > 0).confidence(confidence)
                .measurement(Measurements.SINCE_LAST_COMMAND_MS, Duration.between(last, at).toNanos() / 1e6)
                .measurement(Measurements.FPS, fps).build();
    }
}
