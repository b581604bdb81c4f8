package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.teleopmon.testsupport.HeadlessChromium;

/**
 * The dashboard end to end: the real distribution started by its launcher with a free
 * {@code --websocket-port}, the engine, the sample heartbeat-file detector dropped into deploy/, and
 * Debian's headless Chromium watching a session start and stop.
 */
public class DashboardIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static DistributionCopy copy;
    private static Path heartbeat;

    @BeforeClass
    public static void startDistribution() throws Exception {
        copy = DistributionCopy.fresh("teleop-dashboard");
        heartbeat = copy.home.resolve("heartbeat");
        Files.writeString(heartbeat, "alice\n");
        Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.EPOCH));
        copy.write("etc/org.teleopmon.detector.heartbeat.cfg", "path = " + heartbeat + "\nconfidence = 95\n");
        copy.append("etc/org.teleopmon.engine.cfg", "detector.weights = heartbeat-file=100");
        Path jar = Path.of(System.getProperty("teleop.sample.detector.jar"));
        Files.copy(jar, copy.home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        copy.launch("teleop-monitor", "--websocket-port", Integer.toString(copy.webPort));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/detectors").contains("heartbeat-file"));
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        copy.close();
    }

    @Test
    public void theDashboardFollowsAHeartbeatSessionLive() throws Exception {
        ScheduledExecutorService toucher = Executors.newSingleThreadScheduledExecutor();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + copy.webPort + "/");
            await().atMost(TIMEOUT).until(() -> text(browser, "conn").equals("connected"));
            // The socket opens ("connected") a moment before its hello, which carries the state, is rendered.
            await().atMost(TIMEOUT).until(() -> !text(browser, "state-badge").equals("…"));
            assertEquals("IDLE", text(browser, "state-badge"));
            assertTrue(text(browser, "health").contains("heartbeat-file"));

            toucher.scheduleAtFixedRate(DashboardIT::touch, 0, 200, TimeUnit.MILLISECONDS);
            await().atMost(TIMEOUT).until(() -> text(browser, "state-badge").equals("ACTIVE"));
            await().atMost(TIMEOUT).until(() -> text(browser, "operators").equals("alice"));
            await().atMost(TIMEOUT).until(() -> !browser.findElements(By.cssSelector("#sessions tr.session-open")).isEmpty());
            screenshot(browser, "dashboard-heartbeat-active.png");

            toucher.shutdownNow();
            await().atMost(TIMEOUT).until(() -> text(browser, "state-badge").equals("IDLE"));
            await().atMost(TIMEOUT).until(() -> !browser.findElements(By.cssSelector("#sessions tr.session-ended")).isEmpty());
            assertTrue(text(browser, "sessions").contains("alice"));
            screenshot(browser, "dashboard-heartbeat-stopped.png");
        } finally {
            toucher.shutdownNow();
        }
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void touch() {
        try {
            Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(String path) {
        return copy.body(path);
    }
}
