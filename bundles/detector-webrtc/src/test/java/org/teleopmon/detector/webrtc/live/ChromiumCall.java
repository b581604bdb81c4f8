package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;

/**
 * A real WebRTC call on loopback: one headless Chromium page whose first {@code RTCPeerConnection}
 * sends the fake camera (and microphone) to the second, with real ICE/STUN, DTLS (1.3 as the browser
 * chooses) and SRTP. The page logs {@code getStats()} of both peers, taken right before they close,
 * and {@link #awaitTruth(Duration)} turns them into a {@link CallTruth}.
 */
public final class ChromiumCall implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the call sends. {@code maxBitrateBps} 0 leaves the browser's own bandwidth estimation in
     * charge; otherwise it goes to {@code encodings[0].maxBitrate} of the video sender.
     */
    public record Options(int width, int height, int fps, boolean audio, int maxBitrateBps, Duration duration) {

        /** 640x480 at 30 fps with audio, no bitrate cap, 6 s of media. */
        public static Options defaults() {
            return new Options(640, 480, 30, true, 0, Duration.ofSeconds(6));
        }

        /** The same with another video size and frame rate. */
        public Options withVideo(int width, int height, int fps) {
            return new Options(width, height, fps, audio, maxBitrateBps, duration);
        }

        /** The same with the microphone on or off. */
        public Options withAudio(boolean audio) {
            return new Options(width, height, fps, audio, maxBitrateBps, duration);
        }

        /** The same with a video bitrate cap in bit/s (0: none). */
        public Options withMaxBitrate(int maxBitrateBps) {
            return new Options(width, height, fps, audio, maxBitrateBps, duration);
        }

        /** The same with another media duration (from the start of sending to the stop before the stats). */
        public Options withDuration(Duration duration) {
            return new Options(width, height, fps, audio, maxBitrateBps, duration);
        }
    }

    private static final int SETTLE_MS = 300;

    private final CompletableFuture<JsonNode> stats = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> started = new CompletableFuture<>();
    private volatile long connectedAtMs = -1;
    private final Options options;
    private ChildProcess browser;

    private ChromiumCall(Options options) {
        this.options = options;
    }

    /** Starts the call inside {@code ns} (null: the JVM's own namespace); it stops by itself after the duration. */
    public static ChromiumCall start(NetNs ns, Options options) {
        ChromiumCall call = new ChromiumCall(options);
        Path page = call.writePage();
        call.browser = Chromium.start(ns, page.toUri().toString(),
                List.of("--use-fake-device-for-media-stream=fps=" + options.fps(), "--use-fake-ui-for-media-stream",
                        "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required"),
                call::onLine).deleteOnClose(page.getParent());
        return call;
    }

    /** Starts the call, waits for its truth (duration + 30 s at most) and kills the browser. */
    public static CallTruth run(NetNs ns, Options options) {
        try (ChromiumCall call = start(ns, options)) {
            return call.awaitTruth(options.duration().plusSeconds(30));
        }
    }

    /** Waits for the page's final stats; on timeout or a page error, throws with Chromium's stderr tail. */
    public CallTruth awaitTruth(Duration timeout) {
        try {
            JsonNode last = stats.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return CallTruth.fromStats(started.getNow(JSON.createObjectNode()), last, connectedAtMs);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no stats from the Chromium call within " + timeout + "\n"
                    + browser.tails(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "\n" + browser.tails(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the browser and its children. */
    @Override
    public void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private Path writePage() {
        try (InputStream in = ChromiumCall.class.getResourceAsStream("call.html")) {
            String config = JSON.writeValueAsString(Map.of("width", options.width(), "height", options.height(),
                    "fps", options.fps(), "audio", options.audio(), "maxBitrate", options.maxBitrateBps(),
                    "durationMs", options.duration().toMillis(), "settleMs", SETTLE_MS));
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/*CONFIG*/{}", config);
            Path page = Files.createTempDirectory("teleop-webrtc-page").resolve("call.html");
            Files.writeString(page, html);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Picks {@code "TELEOP <kind> <json>", source: ...} out of Chromium's console logging. */
    private void onLine(String line) {
        int start = line.indexOf("\"TELEOP ");
        if (start < 0) {
            return;
        }
        int end = line.lastIndexOf("\", source:");
        String message = line.substring(start + 8, end > start ? end : line.lastIndexOf('"'));
        int space = message.indexOf(' ');
        String kind = message.substring(0, space);
        try {
            JsonNode value = JSON.readTree(message.substring(space + 1));
            switch (kind) {
                case "connected" -> connectedAtMs = value.path("t").asLong();
                case "started" -> started.complete(value);
                case "stats" -> stats.complete(value);
                case "error" -> stats.completeExceptionally(new IllegalStateException("the call page failed: "
                        + value.asText()));
                default -> { }
            }
        } catch (JsonProcessingException e) {
            stats.completeExceptionally(new IllegalStateException("unreadable TELEOP line: " + line, e));
        }
    }
}
