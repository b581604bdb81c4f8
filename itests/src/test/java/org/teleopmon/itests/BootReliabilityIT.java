package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The boot that never hangs, proven the way the deadlock was found: fresh copies of the distribution
 * started with {@code bin/start} while another process keeps one core busy, each serving
 * {@code /health} within the bound; restarts of one copy (SIGTERM, as systemd stops it); restarts after
 * {@code kill -9}. CI runs a few of each; the full proof is
 * {@code -Dteleop.boot.copies=100 -Dteleop.boot.restarts=20 -Dteleop.boot.kills=20} (docs/boot.md).
 * Every boot's time goes to {@code target/boot-reliability.txt}.
 */
public class BootReliabilityIT {

    private static final int COPIES = Integer.getInteger("teleop.boot.copies", 3);
    private static final int RESTARTS = Integer.getInteger("teleop.boot.restarts", 2);
    private static final int KILLS = Integer.getInteger("teleop.boot.kills", 2);
    private static final Duration BOUND = Duration.ofSeconds(Integer.getInteger("teleop.boot.bound", 30));
    private static final Path REPORT = Path.of("target/boot-reliability.txt");

    private static Process busyCore;

    @BeforeClass
    public static void keepOneCoreBusy() throws IOException {
        busyCore = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Files.deleteIfExists(REPORT);
    }

    @AfterClass
    public static void releaseTheCore() throws InterruptedException {
        busyCore.destroyForcibly();
        busyCore.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    public void freshCopiesServeHealthWithinTheBoundAndNeverRefreshStartupBundles() throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 1; i <= COPIES; i++) {
            try (DistributionCopy copy = DistributionCopy.fresh("teleop-boot")) {
                times.add(boot(copy, "first boot " + i));
                // /health answers while the last boot features still start: wait for the whole boot.
                Path log = copy.home.resolve("data/log/karaf.log");
                await().atMost(BOUND).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.readString(log).contains("Boot finished in"));
                assertFalse("first boot " + i + " refreshed bundles", Files.readString(log).contains("Stopping bundles:"));
                terminate(copy);
            }
        }
        summary("first boots of fresh copies", times);
    }

    /** Installing a feature after the boot (the simulator, a deploy/ features file, Pax Exam's probe) rewires nothing. */
    @Test
    public void aFeatureInstalledAfterTheBootRefreshesNothing() throws Exception {
        try (DistributionCopy copy = DistributionCopy.fresh("teleop-late-feature")) {
            boot(copy, "first boot before a late feature");
            Path log = copy.home.resolve("data/log/karaf.log");
            await().atMost(BOUND).until(() -> Files.readString(log).contains("Boot finished in"));
            Files.writeString(copy.home.resolve("deploy/late-feature.xml"), """
                    <features name="late" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                      <feature name="late" version="1.0.0" install="auto">
                        <feature>teleop-sample-detector</feature>
                      </feature>
                    </features>
                    """);
            await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
                String text = Files.readString(log);
                int added = text.indexOf("Started bundle: feature:file:");
                return added >= 0 && text.indexOf("| Done.", added) > 0;
            });
            String text = Files.readString(log);
            assertFalse(text, text.contains("Stopping bundles:") || text.contains("Bundles to refresh"));
            terminate(copy);
        }
    }

    @Test
    public void oneCopyRestartsAfterEachStop() throws Exception {
        restarts("SIGTERM", RESTARTS, BootReliabilityIT::terminate);
    }

    @Test
    public void oneCopyRestartsAfterEachKill9() throws Exception {
        restarts("kill -9", KILLS, DistributionCopy::kill);
    }

    private interface Stop {
        void stop(DistributionCopy copy) throws Exception;
    }

    private static void restarts(String how, int count, Stop stop) throws Exception {
        List<Double> times = new ArrayList<>();
        try (DistributionCopy copy = DistributionCopy.fresh("teleop-restart")) {
            for (int i = 0; i <= count; i++) {
                times.add(boot(copy, i == 0 ? "first boot" : "restart " + i + " after " + how));
                stop.stop(copy);
            }
        }
        summary("restarts after " + how + " (first boot included)", times);
    }

    /** Starts the copy as a daemon and returns the seconds until /health answers. */
    private static double boot(DistributionCopy copy, String what) throws Exception {
        long start = System.nanoTime();
        Process script = copy.launch("start");
        assertTrue("bin/start returns at once", script.waitFor(60, TimeUnit.SECONDS));
        while (copy.status("/health") < 0) {
            if (System.nanoTime() - start > BOUND.toNanos()) {
                String jstack = copy.jvm().map(jvm -> jstack(jvm.pid())).orElse("(no JVM)");
                record(what + ": no /health within " + BOUND.toSeconds() + " s");
                Path kept = Path.of("target", "boot-failure-" + copy.home.getFileName() + ".log");
                Files.copy(copy.home.resolve("data/log/karaf.log"), kept);
                fail(what + " of " + copy.home + ": /health did not answer within " + BOUND.toSeconds()
                        + " s; its log is " + kept + "\n" + jstack);
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        record(String.format(Locale.ROOT, "%s: /health after %.2f s", what, seconds));
        return seconds;
    }

    /** SIGTERM, as systemd stops a service; the JVM must be gone within the stop bound. */
    private static void terminate(DistributionCopy copy) {
        ProcessHandle jvm = copy.jvm().orElseThrow(() -> new AssertionError("no JVM for " + copy.home));
        jvm.destroy();
        jvm.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        assertFalse(jvm.isAlive());
    }

    private static String jstack(long pid) {
        try {
            Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
            return DistributionCopy.exec(30, jstack.toString(), Long.toString(pid));
        } catch (Exception | AssertionError e) {
            return "(jstack failed: " + e.getMessage() + ")";
        }
    }

    private static void summary(String what, List<Double> times) throws IOException {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        String line = String.format(Locale.ROOT, "%s: %d boots, median %.2f s, slowest %.2f s (bound %d s, one core busy)",
                what, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), BOUND.toSeconds());
        record(line);
        System.out.println(line);
    }

    private static synchronized void record(String line) throws IOException {
        Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
