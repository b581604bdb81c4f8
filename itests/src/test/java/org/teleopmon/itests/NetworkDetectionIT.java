package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.testsupport.FreePort;

/**
 * The real distribution watching XLeVR: a headset-shaped client (Debian's python3-websockets) sends a pose
 * 90 times a second over a TLS WebSocket (self-signed, openssl) to a server on the configured VR port, on
 * {@code lo}. The network detector alone must start the engine's session with the client as operator, show
 * the flow in {@code teleop:flows} and in the engine's detector status (what {@code /detectors} serves), and
 * end the session as a closed connection when the client closes. Needs root (capture), as CI runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkDetectionIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int VR_PORT = FreePort.next();

    @Inject
    SessionFactory sessions;

    @Inject
    CaptureService capture;

    @Inject
    TeleopMonitor monitor;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.teleopmon.capture.cfg", "interfaces", "lo"),
            editConfigurationFilePut("etc/org.teleopmon.detector.network.cfg", "vr.ports", Integer.toString(VR_PORT)),
            systemProperty("teleop.network.peers").value(System.getProperty("teleop.network.peers")),
            systemProperty("teleop.vr.port").value(Integer.toString(VR_PORT))
        };
    }

    @Test
    public void aVrHeadsetAt90HzStartsASessionAloneAndItsCloseEndsIt() throws Exception {
        int port = Integer.getInteger("teleop.vr.port");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertTrue("capture " + capture.health(), capture.health().isOk());
            assertTrue("the network detector", network() != null);
        });
        Path dir = Files.createTempDirectory("teleop-network-it");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        assertEquals(0, new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=xlerobot.local", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start().waitFor());
        Process server = peer(dir, "server", "vr-server", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--cert", cert.toString(), "--key", key.toString());
        Process headset = null;
        try {
            await().atMost(TIMEOUT).until(() -> log(dir, "server").contains("ready"));
            headset = peer(dir, "headset", "vr-client", "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--rate", "90", "--seconds", "10");
            await().atMost(TIMEOUT).untilAsserted(() -> {
                TeleopState state = monitor.getState();
                assertTrue("engine " + state + "\n" + network(), state.active());
                assertTrue("engine " + state, state.operators().stream()
                        .anyMatch(o -> o.operator().id().equals("127.0.0.1") && o.detectors().contains("network")));
            });
            DetectorStatus status = network();
            assertTrue(status.toString(), status.active() && status.reason().contains("vr: TLS to 127.0.0.1:" + port));
            String flows = executeCommand(sessions, "teleop:flows --no-format");
            assertTrue(flows, flows.startsWith("ACTIVE") && flows.contains("vr") && flows.contains("tls")
                    && flows.contains("127.0.0.1:" + port));
            // Once the 2 s window is full, the state's command rate is the headset's record rate.
            await().pollDelay(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> assertEquals(
                    network().reason(), 90, monitor.getState().metrics().get("command_rate_hz").value(), 90 * 0.05));
            assertEquals("network", monitor.getState().metrics().get("command_rate_hz").source());
            assertTrue(headset.waitFor(30, TimeUnit.SECONDS));
            assertTrue(log(dir, "headset"), log(dir, "headset").contains("sent"));
            await().atMost(TIMEOUT).untilAsserted(() -> assertFalse(monitor.getState().active()));
            SessionRecord ended = monitor.getSessions().get(0);
            // Ended at once by the close (not idle); which side asked is inferred over TLS (docs/detector-network.md).
            assertEquals(ended.toString(), "connection_closed", ended.endReason().kind().category());
            String all = executeCommand(sessions, "teleop:flows --all --no-format");
            assertTrue(all, all.contains("127.0.0.1:" + port));
        } finally {
            if (headset != null) {
                headset.destroyForcibly();
            }
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private DetectorStatus network() {
        return monitor.getDetectors().stream().filter(d -> d.name().equals("network")).findFirst().orElse(null);
    }

    private static Process peer(Path dir, String label, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-u",
                System.getProperty("teleop.network.peers")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(label + ".log").toFile()).start();
    }

    private static String log(Path dir, String label) throws Exception {
        File file = dir.resolve(label + ".log").toFile();
        return file.exists() ? Files.readString(file.toPath(), StandardCharsets.UTF_8) : "";
    }
}
