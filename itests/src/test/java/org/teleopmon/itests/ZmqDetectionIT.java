package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.teleopmon.api.Detector;
import org.osgi.service.cm.ConfigurationAdmin;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.testsupport.FreePort;

/**
 * The real distribution: the capture bundle sniffs {@code lo}, the ZMQ detector follows the
 * simulator's LeKiwi session (started with {@code teleop:simulate}) on random ports, and reports
 * its start, operator, rate and end; the kernel's socket table adds the round trip. Needs root or
 * CAP_NET_RAW, as CI runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZmqDetectionIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // Chosen in the test JVM when it writes the configuration; the probe inside Karaf reads them back.
    private static final int CONFIGURED_COMMAND_PORT = FreePort.next();
    private static final int CONFIGURED_OBSERVATION_PORT = FreePort.next();

    @Inject
    BundleContext context;

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessions;

    @Inject
    CaptureService capture;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    TeleopMonitor monitor;

    private int commandPort;
    private int observationPort;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        return zmqOnLoopback(CONFIGURED_COMMAND_PORT, CONFIGURED_OBSERVATION_PORT, 1.0).toArray(new Option[0]);
    }

    @Test
    public void aSimulatedLekiwiSessionIsDetectedFromStartToEnd() throws Exception {
        commandPort = configuredZmqPort(configAdmin, "command.port");
        observationPort = configuredZmqPort(configAdmin, "observation.port");
        features.installFeature("teleop-simulator", EnumSet.noneOf(FeaturesService.Option.class));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertTrue("the zmq detector service", zmq() != null);
            String status = execute("teleop:simulate --status");
            assertTrue("teleop:simulate --status said: " + status, status.contains("simulation"));
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertTrue("capture " + capture.health() + " " + capture.stats(),
                capture.stats().filter().contains("port " + commandPort)));
        assertFalse(zmq().detect().active());

        String started = execute("teleop:simulate --robot lekiwi --duration 6s --command-port " + commandPort
                + " --observation-port " + observationPort);
        assertTrue(started, started.contains("simulating lekiwi"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            DetectorSignal signal = zmq().detect();
            assertTrue(signal.reason(), signal.active());
            assertEquals("127.0.0.1", signal.operators().get(0).id());
            assertEquals("the engine gives the operator directory's name", List.of("pax-operator"),
                    monitor.getState().operators().stream().map(o -> o.operator().name()).toList());
            assertTrue("rate " + signal.measurement("command_rate_hz"), signal.measurement("command_rate_hz") > 25);
            assertEquals(2.0, signal.measurement("cameras"), 0.0);
            // With capture on, the socket table adds the kernel's round trip without taking detection over.
            assertEquals("decoded ZMTP decides, not the socket table: " + signal.reason(), 95, signal.confidence());
            assertTrue("latency_ms from the socket table: " + signal.measurements(),
                    signal.measurement("latency_ms") > 0);
        });
        String table = execute("teleop:zmq --no-format");
        assertTrue(table, table.contains("command") && table.contains("observation") && table.contains("ACTIVE"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            DetectorSignal signal = zmq().detect();
            assertFalse(signal.reason(), signal.active());
            assertTrue(signal.operators().isEmpty());
            assertTrue(execute("teleop:simulate --status").contains("finished"));
        });
        String finished = execute("teleop:simulate --status");
        long sent = Long.parseLong(finished.replaceAll("(?s).*?(\\d+) commands.*", "$1"));
        assertEquals(finished, sent, (long) zmq().detect().measurement("commands_total"));
        assertEquals(0.0, zmq().detect().measurement("malformed_total"), 0.0);
    }

    private Detector zmq() throws Exception {
        return context.getServiceReferences(Detector.class, "(component.name=*ZmqDetector)").stream()
                .map(context::getService).findFirst().orElse(null);
    }

    private String execute(String command) throws Exception {
        return executeCommand(sessions, command);
    }
}
