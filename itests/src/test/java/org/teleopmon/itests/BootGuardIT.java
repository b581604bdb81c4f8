package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.Test;
import org.teleopmon.itests.stuck.StuckStopActivator;

/**
 * The boot guard in the real distribution: a boot that does not finish in time and a stop that never
 * ends both end the JVM with a clear line, a thread dump and a non-zero status a supervisor acts on.
 */
public class BootGuardIT {

    @Test
    public void aBootThatDoesNotFinishInTimeExitsWithStatus70AndAThreadDump() throws Exception {
        try (DistributionCopy copy = DistributionCopy.fresh("teleop-guard-boot")) {
            // No real boot finishes in two seconds: the guard's path is the one a deadlock takes.
            copy.append("etc/system.properties", "teleop.boot.timeout = 2");
            Process karaf = copy.launch("karaf", "server");
            assertTrue("the JVM ended by itself", karaf.waitFor(90, TimeUnit.SECONDS));
            assertEquals(copy.console(), 70, karaf.exitValue());
            assertTrue(copy.console(), copy.console().contains("did not finish booting within 2.0 s"));
            Path dump = onlyFile(copy.home.resolve("data/log"), "boot-guard-");
            assertTrue(Files.readString(dump).contains("\"FelixStartLevel\""));
        }
    }

    @Test
    public void aStopThatHangsIsHaltedWithStatus71() throws Exception {
        try (DistributionCopy copy = DistributionCopy.fresh("teleop-guard-stop")) {
            copy.append("etc/system.properties", "teleop.stop.timeout = 3");
            Process karaf = copy.launch("karaf", "server");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> copy.status("/health/live") == 200);
            writeStuckBundle(copy.home.resolve("deploy/stuck-stop.jar"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readString(copy.home.resolve("data/log/karaf.log")).contains("stuck-stop"));

            long start = System.nanoTime();
            copy.jvm().orElseThrow().destroy(); // SIGTERM, as systemd stops a service
            assertTrue("the JVM ended despite the stuck bundle", karaf.waitFor(60, TimeUnit.SECONDS));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(copy.console(), 71, karaf.exitValue());
            assertTrue("ended " + seconds + " s after SIGTERM", seconds < 30);
            assertTrue(copy.console(), copy.console().contains("did not stop within 3.0 s"));
            onlyFile(copy.home.resolve("data/log"), "stop-guard-");
        }
    }

    private static Path onlyFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir));
        }
    }

    private static void writeStuckBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "stuck-stop");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", StuckStopActivator.class.getName());
        main.putValue("Import-Package", "org.osgi.framework");
        String entry = StuckStopActivator.class.getName().replace('.', '/') + ".class";
        Path tmp = jar.getParent().resolveSibling("stuck-stop.tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry(entry));
            try (var in = StuckStopActivator.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jarOut);
            }
            jarOut.closeEntry();
        }
        // fileinstall must never see a half-written jar
        Files.move(tmp, jar);
    }
}
