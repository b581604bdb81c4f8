package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.teleopmon.api.HealthReporter;

/**
 * The shm bundle in the real distribution writes the live state to /dev/shm, and readers outside
 * Karaf — the plain reader jar in its own JVM and the Python reader — see it change when the sample
 * heartbeat detector turns teleoperation on and off, and see the writer stop with its bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SharedMemoryIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    BundleContext context;

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        String namespace = "itest-" + UUID.randomUUID().toString().substring(0, 8);
        String heartbeat = System.getProperty("java.io.tmpdir") + "/teleop-shm-it-" + namespace;
        return new Option[] {
            editConfigurationFilePut("etc/org.teleopmon.shm.cfg", "namespace", namespace),
            editConfigurationFilePut("etc/org.teleopmon.detector.heartbeat.cfg", "path", heartbeat),
            editConfigurationFilePut("etc/org.teleopmon.detector.heartbeat.cfg", "freshness", "3"),
            // The sample detector's default weight (50) alone cannot reach the engine's threshold.
            editConfigurationFilePut("etc/org.teleopmon.engine.cfg", "detector.weights", "heartbeat-file=100"),
            systemProperty("teleop.shm.namespace").value(namespace),
            systemProperty("teleop.shm.heartbeat").value(heartbeat),
            systemProperty("teleop.shm.reader.classpath").value(System.getProperty("teleop.shm.reader.classpath")),
            systemProperty("teleop.python.client").value(System.getProperty("teleop.python.client")),
        };
    }

    private static String namespace() {
        return System.getProperty("teleop.shm.namespace");
    }

    @Test
    public void readersOutsideKarafSeeTheLiveStateChange() throws Exception {
        Path state = Path.of("/dev/shm", namespace() + "-state");
        await().atMost(TIMEOUT).until(() -> Files.exists(state));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertEquals("OK", shmHealth());

        Output idle = javaReader("state");
        assertEquals(idle.text, 0, idle.code);
        assertTrue(idle.text, idle.text.contains("active=false") && idle.text.contains("writer=LIVE"));

        installSampleDetector();
        Path heartbeat = Path.of(System.getProperty("teleop.shm.heartbeat"));
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Files.writeString(heartbeat, "alice\n");
            return javaReader("state").text.contains("active=true");
        });
        Output active = javaReader("state");
        assertTrue(active.text, active.text.contains("operators=alice") && active.text.contains("writer=LIVE"));

        Output python = python("state");
        assertEquals(python.text, 0, python.code);
        assertTrue(python.text, python.text.contains("\"is_active\": true") && python.text.contains("\"name\": \"alice\""));
        Output ring = python("ring");
        // Each record is the event's wire message, numbered by the ring (docs/shm.md, docs/wire.md).
        assertTrue(ring.text, ring.text.contains("\"type\": \"") && ring.text.contains("\"seq\": ")
                && ring.text.contains("\"data\": {"));

        // No more touches: the detector goes stale and the engine back to idle.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> javaReader("state").text.contains("active=false"));
        Files.deleteIfExists(heartbeat);
    }

    @Test
    public void stoppingTheBundleTakesTheFilesAwayAndStartingItBringsThemBack() throws Exception {
        Path state = Path.of("/dev/shm", namespace() + "-state");
        await().atMost(TIMEOUT).until(() -> Files.exists(state));
        Bundle shm = Arrays.stream(context.getBundles()).filter(b -> "org.teleopmon.shm".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();

        shm.stop();
        Output gone = javaReader("state");
        assertEquals(gone.text, 2, gone.code);
        assertTrue(gone.text, gone.text.contains("is the monitor running?"));

        shm.start();
        await().atMost(TIMEOUT).until(() -> javaReader("state").code == 0);
        assertTrue(Files.exists(Path.of("/dev/shm", namespace() + "-ring")));
    }

    private String shmHealth() throws Exception {
        return context.getServiceReferences(HealthReporter.class, null).stream()
                .map(context::getService).filter(h -> h.component().equals("shm"))
                .map(h -> h.health().status().name()).findFirst().orElse("no shm health reporter");
    }

    private void installSampleDetector() throws Exception {
        if (!features.isInstalled(features.getFeature("teleop-sample-detector"))) {
            features.installFeature("teleop-sample-detector", EnumSet.noneOf(FeaturesService.Option.class));
        }
    }

    private static Output javaReader(String command) throws Exception {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("teleop.shm.reader.classpath"), "org.teleopmon.shm.reader.cli.ShmCli",
                "--namespace", namespace(), command));
    }

    private static Output python(String command) throws Exception {
        return run(List.of("/usr/bin/python3", System.getProperty("teleop.python.client"), "--namespace", namespace(),
                command));
    }

    private static Output run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Output(int code, String text) {
    }
}
