package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.teleopmon.testsupport.FreePort;

/**
 * The streamer in the real distribution: HTTP and WebSocket on a port set through Config Admin,
 * a heartbeat session reaching a WebSocket client through the engine, and the bundle's port closing
 * and reopening with the bundle while the rest keeps running.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamerIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    FeaturesService features;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Before
    public void listenOnAFreePort() throws Exception {
        port = FreePort.next();
        update("org.teleopmon.streamer", "port", Integer.toString(port));
        await().atMost(TIMEOUT).until(() -> status("/health/live") == 200);
    }

    @Test
    public void httpAndWebSocketAnswerFromTheDistribution() throws Exception {
        assertEquals(200, status("/status"));
        assertTrue(body("/status").contains("\"is_active\":false"));
        assertEquals(404, status("/nope"));
        assertEquals(200, status("/"));
        assertTrue(body("/static/vendor/chart.umd.min.js").contains("Chart.js"));

        Client client = Client.connect("ws://127.0.0.1:" + port + "/ws");
        await().atMost(TIMEOUT).until(() -> client.has("\"type\":\"hello\""));
        assertTrue(client.first("\"type\":\"hello\"").contains("\"version\":\"0.1.0"));
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    public void aHeartbeatSessionReachesWebSocketClientsThroughTheEngine() throws Exception {
        Path heartbeat = Files.createTempFile("teleop-heartbeat", "");
        Files.writeString(heartbeat, "alice\n");
        // Stale until the test starts touching it: no session may start before the client listens.
        Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.EPOCH));
        update("org.teleopmon.engine", "detector.weights", "heartbeat-file=100");
        update("org.teleopmon.detector.heartbeat", "path", heartbeat.toString());
        update("org.teleopmon.detector.heartbeat", "confidence", "95");
        if (!features.isInstalled(features.getFeature("teleop-sample-detector"))) {
            features.installFeature("teleop-sample-detector", EnumSet.noneOf(FeaturesService.Option.class));
        }
        Client client = Client.connect("ws://127.0.0.1:" + port + "/ws?topics=teleoperation_started,teleoperation_stopped");
        await().atMost(TIMEOUT).until(() -> client.has("\"type\":\"hello\""));

        ScheduledExecutorService toucher = Executors.newSingleThreadScheduledExecutor();
        toucher.scheduleAtFixedRate(() -> touch(heartbeat), 0, 200, TimeUnit.MILLISECONDS);
        try {
            await().atMost(TIMEOUT).until(() -> client.has("\"type\":\"teleoperation_started\""));
            assertTrue(client.first("\"type\":\"teleoperation_started\"").contains("\"session\""));
            await().atMost(TIMEOUT).until(() -> body("/status").contains("\"name\":\"alice\""));
            assertTrue(body("/status").contains("\"is_active\":true"));
        } finally {
            toucher.shutdownNow();
        }
        await().atMost(TIMEOUT).until(() -> client.has("\"type\":\"teleoperation_stopped\""));
        String stopped = client.first("\"type\":\"teleoperation_stopped\"");
        assertTrue(stopped, stopped.contains("\"name\":\"alice\"") && stopped.contains("\"end_time\":1"));
        assertTrue(body("/sessions").contains("\"name\":\"alice\""));
        assertTrue(client.messages.stream().noneMatch(m -> m.contains("\"type\":\"state_update\"")));
        Files.deleteIfExists(heartbeat);
    }

    @Test
    public void stoppingTheBundleClosesThePortAndStartingReopensIt() throws Exception {
        Bundle streamer = Arrays.stream(context.getBundles())
                .filter(b -> "org.teleopmon.streamer".equals(b.getSymbolicName())).findFirst().orElseThrow();
        Bundle engine = Arrays.stream(context.getBundles())
                .filter(b -> "org.teleopmon.engine".equals(b.getSymbolicName())).findFirst().orElse(null);

        streamer.stop();
        assertTrue("port closed", !canConnect(port));
        if (engine != null) {
            assertEquals("the engine does not notice", Bundle.ACTIVE, engine.getState());
        }
        streamer.start();
        await().atMost(TIMEOUT).until(() -> canConnect(port) && status("/health/live") == 200);
    }

    @Test
    public void aNewPortInTheConfigurationRebindsLive() throws Exception {
        int next = FreePort.next();
        update("org.teleopmon.streamer", "port", Integer.toString(next));
        await().atMost(TIMEOUT).until(() -> canConnect(next) && !canConnect(port));
        port = next;
        assertEquals(200, status("/health/live"));
    }

    private void update(String pid, String key, String value) throws IOException {
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = cfg.getProperties() == null ? new Hashtable<>() : cfg.getProperties();
        props.put(key, value);
        cfg.update(props);
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String body(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's WebSocket client, keeping every text message. */
    static final class Client implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        /** When each message arrived, wall clock, in step with {@link #messages}. */
        final List<Instant> arrivals = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(String uri) {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(uri), client)
                    .orTimeout(20, TimeUnit.SECONDS).join();
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                arrivals.add(Instant.now());
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        boolean has(String fragment) {
            return messages.stream().anyMatch(m -> m.contains(fragment));
        }

        String first(String fragment) {
            return messages.stream().filter(m -> m.contains(fragment)).findFirst().orElseThrow();
        }
    }
}
