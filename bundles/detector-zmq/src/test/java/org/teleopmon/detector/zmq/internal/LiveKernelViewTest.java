package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.simulator.internal.Simulation;
import org.teleopmon.simulator.internal.SimulationOptions;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * No packet capture at all: the ZMQ detector fed by the real kernel socket table (netlink, no privilege)
 * while a JeroMQ robot and a libzmq operator (Debian's pyzmq) run a LeKiwi session on random ports. The
 * session is detected from data segments, measured from tcp_info, and its end attributed to the side that
 * closed first.
 */
@Requires(Prerequisite.PYTHON_ZMQ)
class LiveKernelViewTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final KernelFedDetector kernel = new KernelFedDetector();
    private final int commandPort = kernel.commandPort;
    private final int observationPort = kernel.observationPort;
    private final List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();
    private final ZmqDetector detector = kernel.detector;

    LiveKernelViewTest() {
        detector.listeners.add(pushed::add);
    }

    @AfterEach
    void close() {
        kernel.close();
    }

    @Test
    void aLibzmqOperatorIsDetectedMeasuredAndItsCloseIsTheOperatorsEnd() throws Exception {
        try (Simulation robot = Simulation.start(robotOnly());
                ChildProcess operator = PythonOperator.start(null, "127.0.0.1", commandPort, observationPort, 300)) {
            // Active at once at a low confidence; at the full one when the rate over the window is a teleop rate.
            DetectorSignal active = await().atMost(WAIT).until(detector::detect,
                    s -> s.active() && s.confidence() == ZmqView.KERNEL_CONFIDENCE);
            assertThat(active.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("127.0.0.1"));
            assertThat(active.reason()).contains("kernel socket table");

            await().atMost(WAIT).untilAsserted(() -> {
                DetectorSignal live = detector.detect();
                // pyzmq sends one 30 Hz JSON message per TCP data segment (ZMQ sets TCP_NODELAY).
                assertThat(live.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(30, within(4.5));
                // Loopback: the path's round trip is microseconds. The smoothed RTT may still read up to the
                // operator's delayed-ACK time (40 ms): each observation is one 64 KiB-MSS segment, so the
                // operator's kernel holds its ACK until the next one or its timer (docs/sockets.md).
                assertThat(live.measurement("min_rtt_ms")).isGreaterThan(0).isLessThan(1);
                assertThat(live.measurement(Measurements.LATENCY_MS)).isGreaterThan(0).isLessThan(45);
                assertThat(live.measurement("rtt_variance_ms")).isGreaterThanOrEqualTo(0);
                assertThat(live.measurement("tcp_data_segments_in_total")).isGreaterThanOrEqualTo(30);
                assertThat(live.measurement("socket_connections")).isEqualTo(2);
            });

            assertThat(operator.awaitExit(Duration.ofSeconds(30))).as(operator.tails()).isZero();
            DetectorSignal end = await().atMost(WAIT).until(() -> last(), s -> s != null && s.ended() != null);
            assertThat(end.active()).isFalse();
            assertThat(end.ended().kind()).as(end.ended().detail()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
            assertThat(end.ended().detail()).contains("127.0.0.1");
            assertThat(robot.stats().commandsReceived()).isEqualTo(300);
        }
    }

    @Test
    void theRobotHostExitingIsTheRobotsEnd() throws Exception {
        try (ChildProcess operator = PythonOperator.start(null, "127.0.0.1", commandPort, observationPort, 100_000)) {
            Simulation robot = Simulation.start(robotOnly());
            await().atMost(WAIT).until(detector::detect, DetectorSignal::active);
            robot.close();

            DetectorSignal end = await().atMost(WAIT).until(() -> last(), s -> s != null && s.ended() != null);
            assertThat(end.ended().kind()).as(end.ended().detail()).isEqualTo(EndReason.Kind.ROBOT_CLOSED);
            assertThat(end.ended().detail()).contains("robot host").contains("connection_time_s");
        }
    }

    private SimulationOptions robotOnly() {
        return new SimulationOptions("lekiwi", "robot", false, "127.0.0.1", "127.0.0.1", commandPort, observationPort,
                30, Duration.ZERO, 1, 20_000, "", Duration.ZERO, Duration.ZERO);
    }


    private DetectorSignal last() {
        return pushed.isEmpty() ? null : pushed.get(pushed.size() - 1);
    }
}
