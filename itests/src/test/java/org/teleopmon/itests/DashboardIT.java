package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard end to end: the real distribution started by its launcher with a free
 * {@code --websocket-port}, the engine, the sample heartbeat-file detector dropped into deploy/, and
 * Debian's headless Chromium watching a session start and stop.
 */
public class DashboardIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Path home;
    private static Path heartbeat;
    private static Process karaf;
    private static int port;

    @BeforeClass
    public static void startDistribution() throws Exception {
        home = Files.createTempDirectory("teleop-dashboard");
        exec("cp", "-a", System.getProperty("teleop.assembly.dir") + "/.", home.toString());
        Path shellCfg = home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shellCfg, Files.readString(shellCfg)
                .replace("sshPort = 8101", "sshPort = " + TeleopTestSupport.freePort()));
        heartbeat = home.resolve("heartbeat");
        Files.writeString(heartbeat, "alice\n");
        Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.EPOCH));
        Files.writeString(home.resolve("etc/org.teleopmon.detector.heartbeat.cfg"),
                "path = " + heartbeat + "\nconfidence = 95\n");
        Files.writeString(home.resolve("etc/org.teleopmon.engine.cfg"), "\ndetector.weights = heartbeat-file=100\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path jar = Path.of(System.getProperty("teleop.sample.detector.jar"));
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        port = TeleopTestSupport.freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/teleop-monitor").toString(),
                "--websocket-port", Integer.toString(port)).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = builder.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/detectors").contains("heartbeat-file"));
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            // bin/karaf runs java as a child: end the whole tree this test started, and wait for it.
            List<ProcessHandle> tree = karaf.descendants().collect(Collectors.toList());
            tree.forEach(ProcessHandle::destroy);
            karaf.destroy();
            for (ProcessHandle process : tree) {
                try {
                    process.onExit().get(20, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    process.destroyForcibly();
                }
            }
            karaf.waitFor(20, TimeUnit.SECONDS);
        }
        exec("rm", "-rf", home.toString());
    }

    @Test
    public void theDashboardFollowsAHeartbeatSessionLive() throws Exception {
        ChromeDriver browser = browser();
        ScheduledExecutorService toucher = Executors.newSingleThreadScheduledExecutor();
        try {
            browser.get("http://127.0.0.1:" + port + "/");
            await().atMost(TIMEOUT).until(() -> text(browser, "conn").equals("connected"));
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
            browser.quit();
        }
    }

    private static ChromeDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1500,1000",
                "--user-data-dir=" + Files.createTempDirectory("teleop-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
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
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
    }
}
