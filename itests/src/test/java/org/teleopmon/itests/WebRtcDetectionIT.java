package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.capture.CaptureService;

/**
 * The real distribution sniffing a real WebRTC call: headless Chromium (Debian's package) runs
 * two RTCPeerConnections on this host sending its fake camera and microphone, so the wire carries
 * real STUN, DTLS 1.3 and SRTP. The WebRTC detector alone must start the engine's session, name the
 * far end, count the video frames Chromium reports sending, and end the call when the browser
 * quits. Random UDP sent meanwhile must change nothing. Needs root (capture), as CI runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebRtcDetectionIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CALL_SECONDS = 8;

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessions;

    @Inject
    CaptureService capture;

    @Inject
    TeleopMonitor monitor;

    private String streamsDuringCall = "";

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.teleopmon.capture.cfg", "interfaces", "lo"),
            editConfigurationFilePut("etc/org.teleopmon.detector.webrtc.cfg", "call.idle.timeout", "2"),
            editConfigurationFilePut("etc/org.teleopmon.detector.webrtc.cfg", "process.scan.enabled", "false")
        };
    }

    @Test
    public void aChromiumCallIsDetectedMeasuredAndEnded() throws Exception {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertTrue("the webrtc detector service", webrtc() != null);
            assertTrue("capture " + capture.health(), capture.health().isOk());
        });
        sendGarbageUdp(3000);
        DetectorSignal quiet = webrtc().detect();
        assertFalse("random UDP is not a call: " + quiet.reason(), quiet.active());

        Path dir = Files.createTempDirectory("teleop-webrtc-it");
        Process browser = startChromium(dir);
        try {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                DetectorSignal signal = webrtc().detect();
                assertTrue(signal.reason(), signal.active());
                assertEquals(signal.toString(), 1.0, signal.measurement("video_streams"), 0.0);
                assertEquals(signal.toString(), 1.3, signal.measurement("dtls_version"), 0.0);
                assertTrue(signal.toString(), signal.measurement("fps") > 5);
                assertTrue(signal.toString(), signal.measurement("latency_ms") >= 0);
            });
            await().atMost(TIMEOUT).untilAsserted(() -> {
                TeleopState state = monitor.getState();
                assertTrue("engine " + state, state.active());
                assertTrue("engine " + state, state.operators().stream()
                        .anyMatch(o -> o.detectors().contains("webrtc")));
            });
            String table = execute("teleop:webrtc --streams --no-format");
            streamsDuringCall = table;
            assertTrue(table, table.contains("ACTIVE") && table.contains("video") && table.contains("audio")
                    && table.contains("1.3"));
            await().atMost(Duration.ofSeconds(CALL_SECONDS + 40)).until(() -> chromiumLog(dir).contains("TELEOP done"));
        } finally {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            browser.waitFor(10, TimeUnit.SECONDS);
        }
        long framesSent = framesSent(chromiumLog(dir));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertFalse(webrtc().detect().reason(), webrtc().detect().active());
            assertFalse(monitor.getState().active());
        });
        String history = execute("teleop:webrtc --history --no-format");
        String[] row = history.lines().filter(l -> l.matches("c\\d+[\\s|]+webrtc[\\s|].*")).findFirst()
                .orElseThrow(() -> new AssertionError("no ended webrtc call in\n" + history)).split("\\s*[|\\t]\\s*");
        // Call, Kind, Remote, Start, DTLS, Duration s, MB out, MB in, RTT ms, Frames, Loss %
        assertEquals(history, "1.3", row[4]);
        long framesSeen = Long.parseLong(row[9]);
        assertTrue("frames: Chromium sent " + framesSent + ", the detector saw " + framesSeen + "; capture "
                + capture.stats() + "\n" + history + "\n" + streamsDuringCall,
                Math.abs(framesSeen - framesSent) <= Math.max(2, framesSent / 20));
        assertEquals(0L, (long) webrtc().detect().measurement("calls"));
        assertTrue(webrtc().health().toString(), webrtc().health().isOk());
    }

    private Process startChromium(Path dir) throws IOException {
        Path page = dir.resolve("call.html");
        Files.writeString(page, CallPage.html(CALL_SECONDS * 1000));
        return new ProcessBuilder("chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection", "--enable-logging=stderr",
                "--v=0", page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    }

    private static String chromiumLog(Path dir) throws IOException {
        return Files.readString(dir.resolve("chromium.log"), StandardCharsets.ISO_8859_1);
    }

    /** Chromium's own count of video frames sent, from the stats the page logs before it closes. */
    private static long framesSent(String log) {
        Matcher m = Pattern.compile("\"framesSent\":(\\d+)").matcher(log);
        assertTrue("no stats in Chromium's log:\n" + log.substring(Math.max(0, log.length() - 3000)), m.find());
        return Long.parseLong(m.group(1));
    }

    /** Datagrams of random bytes to random loopback ports: none may become a call. */
    private static void sendGarbageUdp(int count) throws IOException {
        Random random = new Random(8);
        try (DatagramSocket socket = new DatagramSocket()) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[1 + random.nextInt(1200)];
                random.nextBytes(data);
                socket.send(new DatagramPacket(data, data.length, lo, 20000 + random.nextInt(20000)));
            }
        }
    }

    private Detector webrtc() throws Exception {
        return context.getServiceReferences(Detector.class, "(component.name=*WebRtcDetector)").stream()
                .map(context::getService).findFirst().orElse(null);
    }

    private String execute(String command) throws Exception {
        return executeCommand(sessions, command);
    }
}
