package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.HeadlessChromium;
import org.teleopmon.testsupport.Prerequisite;

/**
 * Every detector's measurements where clients see them, on real traffic: the distribution started by its
 * launcher, capturing {@code lo}, a libzmq LeKiwi session (Debian's pyzmq: the host binds, the operator
 * connects and sends at 30 Hz, its commands stopping once for 1.2 s), and what the streamer makes of it:
 * {@code /detectors/zmq} with the measurements and the connection rows, a {@code detector_update}
 * subscriber, Prometheus' measurement families, and the dashboard in headless Chromium with the detector
 * panel, the session's end reason and the stall marker (the engine's {@code teleop_stall}), one health row per
 * component.
 */
public class DetectorPanelIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DistributionCopy copy;
    private static int commandPort;
    private static int observationPort;

    @BeforeClass
    public static void startDistribution() throws Exception {
        copy = DistributionCopy.fresh("teleop-detector-panel");
        int[] ports = copy.zmqOnFreePorts();
        commandPort = ports[0];
        observationPort = ports[1];
        copy.write("etc/org.teleopmon.capture.cfg", "interfaces = lo\n");
        copy.launch("teleop-monitor", "--no-console", "--websocket-port", Integer.toString(copy.webPort));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> copy.body("/detectors/zmq").contains("\"name\":\"zmq\""));
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (copy != null) {
            copy.close();
        }
    }

    @Test
    public void aLibzmqSessionsMeasurementsRowsAndEndReachEveryClient() throws Exception {
        List<JsonNode> updates = new CopyOnWriteArrayList<>();
        long subscribed = System.nanoTime();
        WebSocket subscriber = subscribe(updates);
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + copy.webPort + "/");
            await().atMost(TIMEOUT).until(() -> text(browser, "conn").equals("connected"));
            await().atMost(TIMEOUT).until(() -> text(browser, "detectors").contains("zmq"));
            List<String> healthRows = browser.findElements(By.cssSelector("#health tr")).stream()
                    .map(r -> r.findElement(By.tagName("td")).getText()).toList();
            assertEquals("one health row per component and detector: " + healthRows, healthRows.size(),
                    new HashSet<>(healthRows).size());
            assertTrue(healthRows.toString(), healthRows.contains("metrics"));

            try (ChildProcess session = ChildProcess.start("lekiwi-session", new ProcessBuilder(Prerequisite.PYTHON3,
                    Path.of("src/test/python/lekiwi_session.py").toAbsolutePath().toString(),
                    Integer.toString(commandPort), Integer.toString(observationPort), "12", "alice", "6", "1.2"),
                    null)) {
                // while commands flow (before the stall at 6 s): the detector's view everywhere
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode zmq = JSON.readTree(copy.body("/detectors/zmq")).path("detector");
                    return zmq.path("measurements").path("command_rate_hz").asDouble() > 20
                            && zmq.path("details_total").asInt() >= 1;
                });
                JsonNode zmq = JSON.readTree(copy.body("/detectors/zmq?limit=1000")).path("detector");
                assertTrue(zmq.toString(), zmq.path("details").findValuesAsText("role").contains("command"));
                assertTrue(zmq.toString(), zmq.path("details").findValues("port").stream()
                        .anyMatch(p -> p.asInt() == commandPort));
                String prometheus = copy.body("/metrics?format=prometheus");
                assertTrue(prometheus, prometheus.contains("teleop_measurement_command_rate_hertz{detector=\"zmq\"}"));
                assertTrue("no peer address in a label",
                        prometheus.lines().filter(l -> l.startsWith("teleop_measurement_")).noneMatch(l -> l.contains("127.0.0.1")));
                await().atMost(TIMEOUT).until(() -> updates.stream().anyMatch(u -> detector(u, "zmq")
                        .path("measurements").path("command_rate_hz").asDouble() > 20));

                await().atMost(TIMEOUT).until(() -> !browser.findElements(
                        By.cssSelector("#detectors .detector[data-name=zmq] tr.detector-row")).isEmpty());
                WebElement card = browser.findElement(By.cssSelector("#detectors .detector[data-name=zmq]"));
                assertTrue(card.getText(), card.getText().contains("command_rate_hz"));
                browser.executeScript("document.getElementById('detectors').scrollIntoView()");
                screenshot(browser, "dashboard-detectors-live.png");

                assertEquals(session.tails(), 0, session.awaitExit(Duration.ofSeconds(60)));
            }
            // the operator's libzmq closed its sockets first: the session ended as the operator's close
            await().atMost(TIMEOUT).until(() -> !browser.findElements(By.cssSelector("#sessions tr.session-ended")).isEmpty());
            String ended = browser.findElement(By.cssSelector("#sessions tr.session-ended td.end-reason")).getText();
            assertEquals("operator closed", ended);
            // the 1.2 s pause: one command stall marker (above the 0.5 s watchdog, below the 2 s hold: one session)
            await().atMost(TIMEOUT).until(() -> browser.findElements(By.cssSelector("#stalls li.command")).stream()
                    .anyMatch(li -> li.getText().endsWith("(zmq)")));
            List<WebElement> stalls = browser.findElements(By.cssSelector("#stalls li.command")).stream()
                    .filter(li -> li.getText().endsWith("(zmq)")).toList();
            assertEquals(text(browser, "stalls"), 1, stalls.size());
            long stallMs = Long.parseLong(stalls.get(0).getText().replaceAll(".*command stall (\\d+) ms.*", "$1"));
            // the gap is from the last command before the pause to the first after it: more than the 1.2 s the
            // operator paused, plus at most its 33 ms send period and its scheduling delay on a loaded machine
            assertTrue(stalls.get(0).getText(), stallMs >= 1150 && stallMs <= 2000);
            assertEquals(1, browser.findElements(By.cssSelector("#sessions tr.session-ended")).size());
            screenshot(browser, "dashboard-detectors-ended.png");
        } finally {
            subscriber.abort();
        }
        // throttled: at most one update per second (plus the first), though the engine polls 10 times a second
        // and the view changes at every poll while commands flow
        double seconds = (System.nanoTime() - subscribed) / 1e9;
        System.out.printf("detector_update: %d messages in %.1f s, %s bytes of data each (min..max)%n", updates.size(),
                seconds, updates.stream().mapToInt(u -> u.toString().length()).summaryStatistics());
        assertTrue(updates.size() + " updates in " + seconds + " s", updates.size() >= 3 && updates.size() <= seconds + 2);
    }

    /** A WebSocket client subscribed to detector_update only, collecting what it receives. */
    private static WebSocket subscribe(List<JsonNode> updates) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        JsonNode message = JSON.readTree(partial.toString());
                        if (message.path("type").asText().equals("detector_update")) {
                            updates.add(message.path("data"));
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }
        };
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + copy.webPort + "/ws?topics=detector_update"), listener)
                .orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static JsonNode detector(JsonNode update, String name) {
        for (JsonNode detector : update.path("detectors")) {
            if (detector.path("name").asText().equals(name)) {
                return detector;
            }
        }
        return JSON.createObjectNode();
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
