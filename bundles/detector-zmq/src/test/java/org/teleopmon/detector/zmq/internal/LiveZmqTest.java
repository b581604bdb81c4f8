package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.simulator.internal.Simulation;
import org.teleopmon.simulator.internal.SimulationOptions;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Real packets: libpcap on {@code lo} (root or CAP_NET_RAW, as CI runs) while JeroMQ and libzmq
 * peers exchange LeKiwi traffic on random ports. The detector must count exactly what was sent.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT})
class LiveZmqTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final int commandPort = FreePort.next();
    private final int observationPort = FreePort.next();
    private final List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();
    private final ZmqDetector detector = detector();
    private final Capture capture = Capture.loopback(detector);

    @AfterEach
    void close() {
        capture.close();
    }

    @Test
    void jeromqLekiwiSessionIsCountedExactlyWithItsRateOperatorStartAndStop() throws Exception {
        awaitFilter();
        SimulationOptions options = SimulationOptions.defaults("lekiwi").withPorts(commandPort, observationPort)
                .withDuration(Duration.ofSeconds(4));
        try (Simulation simulation = Simulation.start(options)) {
            await().atMost(WAIT).until(() -> pushed.stream().anyMatch(DetectorSignal::active));
            DetectorSignal started = pushed.stream().filter(DetectorSignal::active).findFirst().orElseThrow();
            assertThat(started.operators()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo("127.0.0.1");
                assertThat(o.source()).isEqualTo(IdentitySource.NETWORK_PEER);
            });

            // The sender's rate over the detector's 2 s window: its count at both ends of it.
            Simulation.Stats before = simulation.stats();
            long t1 = System.nanoTime();
            await().pollDelay(Duration.ofMillis(2000)).atMost(WAIT).until(() -> true);
            Simulation.Stats after = simulation.stats();
            DetectorSignal live = detector.detect();
            double seconds = (System.nanoTime() - t1) / 1e9;
            double commandRate = (after.commandsSent() - before.commandsSent()) / seconds;
            double observationRate = (after.observationsSent() - before.observationsSent()) / seconds;
            assertThat(live.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(commandRate, within(commandRate * 0.05));
            assertThat(live.measurement(Measurements.FPS)).isCloseTo(observationRate, within(observationRate * 0.05));
            assertThat(live.measurement("cameras")).isEqualTo(2);
            // Two 66 000-byte JPEGs per observation, plus a small JSON header and framing.
            assertThat(live.measurement("observation_bandwidth_mbps"))
                    .isCloseTo(observationRate * 132_400 * 8 / 1e6, within(observationRate * 132_400 * 8 / 1e6 * 0.06));
            assertThat(live.robotType()).isEqualTo("lekiwi");

            assertThat(simulation.awaitDone(WAIT)).isTrue();
            long sent = simulation.stats().commandsSent();
            await().atMost(WAIT).untilAsserted(() -> {
                DetectorSignal end = detector.detect();
                assertThat(end.measurement("commands_total")).isEqualTo(sent);
                assertThat(end.active()).isFalse();
                assertThat(end.operators()).isEmpty();
                assertThat(pushed.get(pushed.size() - 1).active()).isFalse();
            });
            assertThat(detector.detect().measurement("observations_total"))
                    .isBetween(simulation.stats().observationsReceived() * 1.0, simulation.stats().observationsSent() * 1.0);
            assertThat(detector.detect().measurement("malformed_total")).isZero();
        }
    }

    @Test
    @Requires(Prerequisite.PYTHON_ZMQ)
    void libzmqOperatorFromPythonIsCountedExactly() throws Exception {
        awaitFilter();
        SimulationOptions robotOnly = new SimulationOptions("lekiwi", "robot", false, "127.0.0.1", "127.0.0.1",
                commandPort, observationPort, 30, Duration.ZERO, 1, 20_000, "", Duration.ZERO, Duration.ZERO);
        try (Simulation robot = Simulation.start(robotOnly)) {
            Path script = Files.createTempFile("lekiwi-operator", ".py");
            Files.writeString(script, PythonOperator.SCRIPT);
            Process python = new ProcessBuilder(Prerequisite.PYTHON3, script.toString(), Integer.toString(commandPort),
                    Integer.toString(observationPort), "60").redirectErrorStream(true).start();
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(python.exitValue()).as(output).isZero();
            long sent = Long.parseLong(output.lines().reduce((a, b) -> b).orElseThrow().trim());
            assertThat(sent).isEqualTo(60);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(detector.detect().measurement("commands_total")).isEqualTo(sent);
                assertThat(robot.stats().commandsReceived()).isEqualTo(sent);
            });
            assertThat(pushed).anySatisfy(s -> assertThat(s.operators()).extracting(o -> o.id()).contains("alice"));
            assertThat(detector.detect().measurement("observation_rate_hz")).isGreaterThanOrEqualTo(0);
            assertThat(detector.connections()).allSatisfy(c -> assertThat(c.malformed()).isZero());
            Files.delete(script);
        }
    }

    private void awaitFilter() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(capture.health().isOk()).as("capture on lo needs root or CAP_NET_RAW").isTrue();
            assertThat(capture.stats().filter()).contains("tcp port " + commandPort);
        });
    }

    private ZmqDetector detector() {
        ZmqSettings d = ZmqSettings.defaults(commandPort, observationPort);
        ZmqSettings settings = new ZmqSettings("lekiwi", commandPort, observationPort, Set.of(), d.peekBytes(), d.maxFrameBytes(), d.maxCommandBytes(),
                d.maxConnections(), d.maxPendingSegments(), d.maxPendingBytes(), d.reorderNanos(), d.windowNanos(),
                d.watchdogNanos(), 1_000_000_000L, d.minCommandRateHz());
        ZmqDetector zmq = new ZmqDetector(settings, Clock.systemUTC());
        zmq.listeners.add(pushed::add);
        Thread ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                zmq.tick();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-ticker");
        ticker.setDaemon(true);
        ticker.start();
        return zmq;
    }
}
