package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or confused client sends over a raw socket: malformed escapes, foreign Host names
 * (DNS rebinding), cross-site Origins, bad WebSocket keys, duplicate headers. Each gets a clean 4xx in
 * the API's JSON shape, nothing leaks the server's make, and nothing fills the log.
 */
class HostileRequestsTest {

    private final TestSources sources = new TestSources();
    private Streamer streamer;

    private void start(Settings settings) {
        sources.monitor = new TestSources.Monitor();
        streamer = new Streamer(sources, settings, "1.0.0");
        streamer.start();
    }

    @AfterEach
    void stop() {
        if (streamer != null) {
            streamer.close();
        }
    }

    @Test
    void badPercentEscapesAreA400WithoutAStackTraceInTheLog() throws Exception {
        start(Settings.local(0));
        String log = capturingStderr(() -> {
            for (String target : List.of("/status?x=%ff", "/status?%=%", "/sessions?limit=%c0%80", "/health?a=%zz",
                    "/alerts?limit=%")) {
                String reply = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                assertThat(reply).as(target).startsWith("HTTP/1.1 400").contains("application/json")
                        .contains("\"status\":400").doesNotContain("Exception");
            }
        });
        assertThat(log).doesNotContain("Exception").doesNotContain("failed");
    }

    @Test
    void onLoopbackOnlyLoopbackHostNamesAreServed() throws Exception {
        start(Settings.local(0));
        for (String host : List.of("127.0.0.1", "localhost", "127.0.0.1:" + streamer.port(), "localhost:" + streamer.port(),
                "[::1]:" + streamer.port())) {
            assertThat(raw(get("/status", "Host: " + host))).as(host).startsWith("HTTP/1.1 200");
        }
        for (String host : List.of("evil.example", "evil.example:" + streamer.port(), "127.0.0.1.evil.example",
                "localhost.evil.example")) {
            String reply = raw(get("/status", "Host: " + host));
            assertThat(reply).as(host).startsWith("HTTP/1.1 421").contains("\"error\":\"misdirected_request\"")
                    .contains("allowed.hosts");
        }
        // the page itself too: a rebinding page must not even load the dashboard under its name
        assertThat(raw(get("/", "Host: evil.example"))).startsWith("HTTP/1.1 421");
    }

    @Test
    void configuredHostNamesAreServedAsWell() throws Exception {
        start(Settings.local(0).withHosts(List.of("robot.local")));
        assertThat(raw(get("/status", "Host: robot.local:" + streamer.port()))).startsWith("HTTP/1.1 200");
        assertThat(raw(get("/status", "Host: evil.example"))).startsWith("HTTP/1.1 421");
    }

    @Test
    void aRebindingPageCannotOpenTheWebSocket() throws Exception {
        start(Settings.local(0));
        String evil = rawHead(upgrade("evil.example:" + streamer.port(), "http://evil.example:" + streamer.port(),
                "dGhlIHNhbXBsZSBub25jZQ=="));
        assertThat(evil).startsWith("HTTP/1.1 421");
        String crossSite = rawHead(upgrade("127.0.0.1:" + streamer.port(), "http://evil.example", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertThat(crossSite).startsWith("HTTP/1.1 403");
        String own = rawHead(upgrade("127.0.0.1:" + streamer.port(), "http://127.0.0.1:" + streamer.port(),
                "dGhlIHNhbXBsZSBub25jZQ=="));
        assertThat(own).startsWith("HTTP/1.1 101");
    }

    @Test
    void anInvalidWebSocketKeyIsRefused() throws Exception {
        start(Settings.local(0));
        for (String key : List.of("not base64!", "c2hvcnQ=", "")) {
            String reply = rawHead(upgrade("127.0.0.1", null, key));
            assertThat(reply).as(key).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void theServerDoesNotNameItsMake() throws Exception {
        start(Settings.local(0));
        assertThat(raw(get("/status", "Host: 127.0.0.1")).toLowerCase()).doesNotContain("server:").doesNotContain("jetty");
        assertThat(raw(get("/nope", "Host: 127.0.0.1")).toLowerCase()).doesNotContain("jetty");
    }

    /** Jetty's parser also logs a WARN for each; the distribution's logging config mutes that logger. */
    @Test
    void aDuplicateHostHeaderIsA400() throws Exception {
        start(Settings.local(0));
        String reply = raw("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 400").doesNotContain("Exception");
    }

    private static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\nConnection: close\r\n\r\n";
    }

    private static String upgrade(String host, String origin, String key) {
        return "GET /ws HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + (key.isEmpty() ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + "\r\n";
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", streamer.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The response head only: an accepted upgrade keeps the connection open. */
    private String rawHead(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", streamer.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }

    private interface IoAction {
        void run() throws Exception;
    }

    /** slf4j-simple writes to System.err, which it looks up per message (cacheOutputStream=false). */
    private static String capturingStderr(IoAction action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
