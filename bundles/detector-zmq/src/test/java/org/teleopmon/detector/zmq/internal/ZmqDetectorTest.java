package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.TestClock;

class ZmqDetectorTest {

    private static final long T0 = 1_790_000_000_000_000_000L;
    private static final long PERIOD = 1_000_000_000L / 30;

    private final TestClock clock = new TestClock(at(T0));
    private final List<DetectorSignal> pushed = new ArrayList<>();
    private final ZmqDetector detector = detector();

    @Test
    void aLekiwiSessionIsDetectedWithItsOperatorRatesAndCameras() {
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        Session observations = handshake(new Session(detector, "10.0.0.7", 40001, "10.0.0.2", 5556), "PULL", "PUSH");
        assertThat(pushed).singleElement().satisfies(s -> {
            assertThat(s.active()).isFalse();
            assertThat(s.operators()).hasSize(1);
        });

        byte[] command = Zmtp.stream().json(Zmtp.lekiwiCommand(0.2, null)).bytes();
        byte[] observation = Zmtp.stream().message(Zmtp.multipartHeader().getBytes(StandardCharsets.UTF_8),
                Zmtp.jpeg(30_000), Zmtp.jpeg(20_000)).bytes();
        for (int i = 0; i < 90; i++) {
            long t = T0 + i * PERIOD;
            commands.toServer(t, command);
            observations.toClient(t + PERIOD / 2, observation);
        }
        clock.set(at(T0 + 89 * PERIOD + PERIOD / 2));

        DetectorSignal first = pushed.get(1);
        assertThat(first.active()).isTrue();
        assertThat(first.operators()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("10.0.0.7");
            assertThat(o.name()).as("the engine names operators").isEqualTo("10.0.0.7");
            assertThat(o.source()).isEqualTo(IdentitySource.NETWORK_PEER);
        });
        DetectorSignal now = detector.detect();
        assertThat(now.robotType()).isEqualTo("lekiwi");
        assertThat(now.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(30, within(0.5));
        assertThat(now.measurement(Measurements.FPS)).isCloseTo(30, within(0.5));
        assertThat(now.measurement("cameras")).isEqualTo(2);
        assertThat(now.measurement("base_driven")).isEqualTo(1);
        assertThat(now.measurement("commands_total")).isEqualTo(90);
        assertThat(now.measurement("observations_total")).isEqualTo(90);
        assertThat(now.measurement("command_gap_p50_ms")).isCloseTo(33.3, within(0.1));
        assertThat(now.measurement("observation_bandwidth_mbps")).isCloseTo(30 * 50_050 * 8 / 1e6, within(0.5));
        assertThat(now.measurement("malformed_total")).isZero();
        assertThat(now.confidence()).isGreaterThanOrEqualTo(90);
        // GET /detectors/zmq's rows: one per connection, the shell's columns in snake_case
        assertThat(detector.details()).hasSize(2).anySatisfy(row -> {
            assertThat(row).containsEntry("client", "10.0.0.7:40000").containsEntry("port", 5555)
                    .containsEntry("role", "command").containsEntry("messages_to_robot", 90L)
                    .containsEntry("malformed", 0L);
            assertThat(row.keySet()).allMatch(k -> k.matches("[a-z_]+"));
        });
    }

    @Test
    void theWatchdogThenSilenceArePushedByTheTickAndFinEndsTheOperator() {
        Session commands = handshake(new Session(detector, "10.0.0.9", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        byte[] command = Zmtp.stream().json(Zmtp.lekiwiCommand(0, "bob")).bytes();
        for (int i = 0; i < 30; i++) {
            commands.toServer(T0 + i * PERIOD, command);
        }
        long last = T0 + 29 * PERIOD;
        assertThat(pushed.get(pushed.size() - 1).operators()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("bob");
            assertThat(o.source()).isEqualTo(IdentitySource.MESSAGE_FIELD);
        });

        clock.set(at(last + 600_000_000L));
        detector.tick();
        DetectorSignal watchdog = pushed.get(pushed.size() - 1);
        assertThat(watchdog.measurement("watchdog_tripped")).isEqualTo(1);
        assertThat(watchdog.reason()).contains("watchdog");

        commands.toServer(last + 700_000_000L, command);
        assertThat(pushed.get(pushed.size() - 1).measurement("watchdog_tripped")).isZero();
        int before = pushed.size();
        commands.close(last + 710_000_000L, Packet.TCP_FIN);
        assertThat(pushed).hasSizeGreaterThan(before);
        assertThat(pushed.get(pushed.size() - 1).operators()).isEmpty();

        clock.set(at(last + 3_000_000_000L));
        detector.tick();
        assertThat(pushed.get(pushed.size() - 1).active()).isFalse();
    }

    @Test
    void theFirstCommandAfterAGapIsPushedWithItsOwnInstantForTheEnginesStallMeasure() {
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        byte[] command = Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).bytes();
        for (int i = 0; i < 30; i++) {
            commands.toServer(T0 + i * PERIOD, command);
        }
        int before = pushed.size();
        long resumed = T0 + 29 * PERIOD + 300_000_000L; // 300 ms: more than half the 0.5 s watchdog
        commands.toServer(resumed, command);

        assertThat(pushed).hasSize(before + 1);
        DetectorSignal view = pushed.get(pushed.size() - 1);
        assertThat(view.timestamp()).isEqualTo(Instant.ofEpochSecond(0, resumed));
        assertThat(view.measurement(Measurements.SINCE_LAST_COMMAND_MS)).isZero();
        commands.toServer(resumed + PERIOD, command);
        assertThat(pushed).as("an ordinary period pushes nothing").hasSize(before + 1);
    }

    @Test
    void theOperatorsFinEndsTheSessionAtOnceAtItsLastCommand() {
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        byte[] command = Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).bytes();
        for (int i = 0; i < 30; i++) {
            commands.toServer(T0 + i * PERIOD, command);
        }
        long last = T0 + 29 * PERIOD;
        commands.close(last + 20_000_000L, Packet.TCP_FIN);

        DetectorSignal end = pushed.get(pushed.size() - 1);
        assertThat(end.active()).isFalse();
        assertThat(end.ended().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(end.ended().at()).isEqualTo(at(last));
        assertThat(end.ended().detail()).isEqualTo("operator closed the command connection from 10.0.0.7:40000 (FIN) "
                + "after 0.0 s".replace("0.0", String.format("%.1f", (last + 20_000_000L - (T0 - 1_000_000)) / 1e9)));
    }

    @Test
    void theRobotHostsFinIsRobotClosedWithItsLifetimeAndANewCommandResumes() {
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        byte[] command = Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).bytes();
        for (int i = 0; i < 30; i++) {
            commands.toServer(T0 + i * PERIOD, command);
        }
        commands.closeFromServer(T0 + 30 * PERIOD, Packet.TCP_FIN);
        assertThat(pushed.get(pushed.size() - 1).ended().kind()).isEqualTo(EndReason.Kind.ROBOT_CLOSED);
        assertThat(pushed.get(pushed.size() - 1).ended().detail()).startsWith("robot host closed the command "
                + "connection (FIN) after").contains("connection_time_s");

        Session again = handshake(new Session(detector, "10.0.0.7", 40002, "10.0.0.2", 5555), "PUSH", "PULL");
        again.toServer(T0 + 31 * PERIOD, command);
        assertThat(pushed.get(pushed.size() - 1).ended()).isNull();
        assertThat(pushed.get(pushed.size() - 1).active()).isTrue();
    }

    @Test
    void anOperatorsResetIsAnEndToo() {
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        commands.toServer(T0, Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).bytes());
        commands.close(T0 + PERIOD, Packet.TCP_RST);

        assertThat(pushed.get(pushed.size() - 1).ended().detail()).startsWith("operator reset the command connection");
    }

    @Test
    void xleCommandsSetTheRobotType() {
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        commands.toServer(T0, Zmtp.stream().json(Zmtp.xleCommand()).bytes());
        assertThat(pushed.get(pushed.size() - 1).robotType()).isEqualTo("xle");
    }

    @Test
    void garbageNonJsonAndHugeJsonOnTheCommandPortAreCountedAsMalformed() {
        new Session(detector, "10.0.0.66", 41000, "10.0.0.2", 5555).open(T0)
                .toServer(T0, "garbage garbage garbage".getBytes(StandardCharsets.US_ASCII));
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        commands.toServer(T0, Zmtp.stream().json("not json at all").bytes());
        commands.toServer(T0, Zmtp.stream().json("{\"pad\": \"" + "x".repeat(200_000) + "\"}").bytes());
        commands.toServer(T0, Zmtp.stream().json("{\"a\": [1, 2").bytes());
        clock.set(at(T0));

        DetectorSignal now = detector.detect();
        assertThat(now.measurement("malformed_total")).isEqualTo(4);
        assertThat(now.measurement("commands_total")).isZero();
        assertThat(pushed).allSatisfy(s -> assertThat(s.confidence()).isLessThan(70));
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        detector.listeners.add(0, s -> {
            throw new IllegalStateException("boom");
        });
        Session commands = handshake(new Session(detector, "10.0.0.7", 40000, "10.0.0.2", 5555), "PUSH", "PULL");
        commands.toServer(T0, Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).bytes());
        assertThat(pushed).isNotEmpty();
    }

    @Test
    void theInterestCoversEveryConfiguredPort() {
        assertThat(detector.interest().tcpPorts()).containsExactlyInAnyOrder(5555, 5556, 5558);
    }

    private Session handshake(Session session, String clientType, String serverType) {
        session.open(T0 - 1_000_000);
        session.toServer(T0 - 900_000, Zmtp.stream().greeting("NULL").ready(clientType).bytes());
        session.toClient(T0 - 800_000, Zmtp.stream().greeting("NULL").ready(serverType).bytes());
        return session;
    }

    private ZmqDetector detector() {
        ZmqSettings d = ZmqSettings.defaults(5555, 5556);
        ZmqSettings settings = new ZmqSettings("lekiwi", 5555, 5556, Set.of(5558), d.peekBytes(),
                d.maxFrameBytes(), d.maxCommandBytes(), d.maxConnections(), d.maxPendingSegments(),
                d.maxPendingBytes(), d.reorderNanos(), d.windowNanos(), d.watchdogNanos(), d.silenceNanos(),
                d.minCommandRateHz());
        ZmqDetector zmq = new ZmqDetector(settings, clock);
        zmq.listeners.add(pushed::add);
        return zmq;
    }

    private static Instant at(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
