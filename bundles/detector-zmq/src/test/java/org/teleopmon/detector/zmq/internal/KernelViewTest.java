package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.sockets.TcpState;
import org.teleopmon.testsupport.TestClock;

/** The ZMQ detector fed with socket-table readings: fallback detection, TCP measurements, ends. */
class KernelViewTest {

    private static final long T0 = 1_790_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final TestClock clock = new TestClock(Instant.ofEpochSecond(0, T0));
    private final List<DetectorSignal> pushed = new ArrayList<>();
    private final ZmqDetector detector = new ZmqDetector(ZmqSettings.defaults(5555, 5556), clock);
    private final KernelTable table = new KernelTable();
    private long now = T0;

    KernelViewTest() {
        detector.listeners.add(pushed::add);
    }

    @Test
    void withoutCaptureDataSegmentsAtATeleopRateAreASessionWithItsPeerAsOperator() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);

        DetectorSignal signal = last();
        assertThat(signal.active()).isTrue();
        assertThat(signal.confidence()).isEqualTo(ZmqView.KERNEL_CONFIDENCE);
        assertThat(signal.operators()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("10.0.0.7");
            assertThat(o.source()).isEqualTo(IdentitySource.NETWORK_PEER);
            assertThat(o.detail()).contains("kernel socket table");
        });
        assertThat(signal.reason()).contains("packet capture is off");
        assertThat(detector.detect().measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(30, within(0.01));
    }

    @Test
    void aSlowTrickleHoldsButDoesNotStartASession() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 2);

        assertThat(last().active()).isTrue();
        assertThat(last().confidence()).isEqualTo(ZmqView.KERNEL_LOW_RATE_CONFIDENCE);
        assertThat(0.9 * last().confidence()).as("at the default weight 90, below the start threshold 70").isLessThan(70);
    }

    @Test
    void silentCommandsTripTheWatchdogThenEnd() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);
        commands.lastDataReceivedMs = 600;
        advance(SECOND / 10);
        detector.onSockets(table.reading(now));

        assertThat(last().measurement("watchdog_tripped")).isEqualTo(1);
        commands.lastDataReceivedMs = 2600;
        advance(2 * SECOND);
        detector.onSockets(table.reading(now));
        assertThat(last().active()).isFalse();
        assertThat(last().ended()).as("a stall is not a teardown: the engine holds").isNull();
    }

    @Test
    void theObservationStreamsRoundTripIsTheLatencyAndRetransmissionsTheLoss() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        KernelTable.Conn observations = table.connect(5556, "10.0.0.7", 40001);
        observations.rttMicros = 40_000;
        observations.rttVarMicros = 5_000;
        observations.lastDataSentMs = 10;
        for (int i = 0; i < 20; i++) {
            observations.segmentsOut += 100;
            observations.retransmits += 2;
            read(SECOND / 10, 1, commands, 30);
        }

        DetectorSignal signal = detector.detect();
        assertThat(signal.measurement(Measurements.LATENCY_MS)).isCloseTo(40, within(0.01));
        assertThat(signal.measurement("observation_rtt_ms")).isCloseTo(40, within(0.01));
        assertThat(signal.measurement("rtt_variance_ms")).isCloseTo(5, within(0.01));
        assertThat(signal.measurement("retransmit_percent")).isCloseTo(2, within(0.01));
        assertThat(signal.measurement(Measurements.PACKET_LOSS_PERCENT)).isCloseTo(2, within(0.01));
        assertThat(signal.measurement("command_handshake_rtt_ms")).as("the command connection's, from its handshake")
                .isCloseTo(0.1, within(0.001));
        assertThat(signal.measurement("tcp_data_segments_in_total")).isEqualTo(commands.dataIn);
    }

    @Test
    void theOperatorClosingFirstEndsTheSessionAtItsLastCommand() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);
        long lastData = now - 5_000_000L;
        commands.state = TcpState.CLOSE_WAIT;
        advance(SECOND / 10);
        commands.lastDataReceivedMs = (now - lastData) / 1_000_000;
        detector.onSockets(table.reading(now));

        DetectorSignal end = last();
        assertThat(end.active()).isFalse();
        assertThat(end.ended()).isNotNull();
        assertThat(end.ended().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(end.ended().at()).isEqualTo(Instant.ofEpochSecond(0, lastData));
        assertThat(end.reason()).contains("operator closed the command connection from 10.0.0.7");
    }

    @Test
    void theRobotClosingFirstPointsAtTheHostsLifetime() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);
        commands.state = TcpState.FIN_WAIT1;
        advance(SECOND / 10);
        detector.onSockets(table.reading(now));

        assertThat(last().ended().kind()).isEqualTo(EndReason.Kind.ROBOT_CLOSED);
        assertThat(last().ended().detail()).contains("robot host closed the command connection after")
                .contains("connection_time_s");
    }

    @Test
    void aConnectionGoneWithItsListenerIsTheRobotHostExiting() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);
        table.drop(commands);
        table.listening = false;
        advance(SECOND / 10);
        detector.onSockets(table.reading(now));

        assertThat(last().ended().kind()).isEqualTo(EndReason.Kind.ROBOT_CLOSED);
        assertThat(last().ended().detail()).contains("stopped listening on port 5555");
    }

    @Test
    void aConnectionGoneWhileTheHostListensIsTheOperatorsDoing() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);
        table.drop(commands);
        advance(SECOND / 10);
        detector.onSockets(table.reading(now));

        assertThat(last().ended().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(last().ended().detail()).contains("still listens");
    }

    @Test
    void anotherConnectionStillCarryingCommandsIsNoEnd() {
        KernelTable.Conn first = table.connect(5555, "10.0.0.7", 40000);
        KernelTable.Conn second = table.connect(5555, "10.0.0.8", 40000);
        for (int i = 0; i < 3; i++) {
            first.dataIn += 30;
            first.lastDataReceivedMs = 5;
            read(SECOND, 1, second, 30);
        }
        table.drop(first);
        read(SECOND / 10, 1, second, 30);

        assertThat(last().ended()).isNull();
        assertThat(last().active()).isTrue();
    }

    @Test
    void aNewSessionAfterAnEndClearsIt() {
        KernelTable.Conn commands = table.connect(5555, "10.0.0.7", 40000);
        read(SECOND, 3, commands, 30);
        table.drop(commands);
        advance(SECOND / 10);
        detector.onSockets(table.reading(now));
        assertThat(last().ended()).isNotNull();

        KernelTable.Conn again = table.connect(5555, "10.0.0.7", 40002);
        read(SECOND, 3, again, 30);

        assertThat(last().ended()).isNull();
        assertThat(last().active()).isTrue();
    }

    /** {@code n} readings {@code step} apart, the connection's peer sending {@code rateHz} segments per second. */
    private void read(long step, int n, KernelTable.Conn commands, double rateHz) {
        for (int i = 0; i < n; i++) {
            advance(step);
            commands.dataIn += Math.round(rateHz * step / 1e9);
            commands.lastDataReceivedMs = 5;
            detector.onSockets(table.reading(now));
        }
    }

    private void advance(long nanos) {
        now += nanos;
        clock.set(Instant.ofEpochSecond(0, now));
    }

    private DetectorSignal last() {
        assertThat(pushed).isNotEmpty();
        return pushed.get(pushed.size() - 1);
    }
}
