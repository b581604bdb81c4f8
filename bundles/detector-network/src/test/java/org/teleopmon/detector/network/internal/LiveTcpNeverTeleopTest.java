package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.detector.network.live.Peer;
import org.teleopmon.detector.network.live.Sshd;
import org.teleopmon.detector.network.live.TwoHosts;
import org.teleopmon.sockets.internal.Sockets;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.HeadlessChromium;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * The TCP half of the never-false list with the real programs: an OpenSSH session typed into and a
 * {@code top} refreshing, {@code curl} downloads as {@code apt} makes them, HTTP polling, {@code rsync} over
 * ssh, and Chromium watching a video. These connections reach the detector only through the kernel's socket
 * table (they are on no VR or web_control port), read in the robot's namespace as the product reads it.
 * Each asserts that the detector never went active and never reported any confidence, and prints what it
 * saw of every flow ({@link ShapeLog}: the figures in docs/detector-network.md).
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT, Prerequisite.IPROUTE2, Prerequisite.PYTHON})
class LiveTcpNeverTeleopTest {

    private static final Duration WAIT = LiveRobot.WAIT;
    private static final String ROBOT = TwoHosts.ROBOT;
    private static final String OPERATOR = TwoHosts.OPERATOR;

    private final List<Path> temporary = new CopyOnWriteArrayList<>();

    @AfterEach
    void deleteTemporary() {
        temporary.forEach(ChildProcess::deleteTree);
    }

    @Test
    @Requires(Prerequisite.OPENSSH)
    void anSshSessionTypedIntoWhileTopRefreshesNeverLooksTeleoperated() throws Exception {
        LiveRobot.run(r -> {
            try (Sshd sshd = Sshd.start(r.hosts().robot(), ROBOT);
                    // A person typing commands (with a held key auto-repeating at 30/s), and top redrawing 10 times a second.
                    Peer typist = Peer.start(r.hosts().operator(), "ssh-session", "--rate", "8", "--seconds", "12",
                            "--ssh", sshd.ssh(""));
                    Peer top = Peer.start(r.hosts().operator(), "ssh-session", "--rate", "0", "--seconds", "12",
                            "--ssh", sshd.ssh("TERM=xterm top -d 0.1"))) {
                assertThat(typist.awaitSent(WAIT)).as(typist.tails() + sshd.tails()).isGreaterThan(50);
                top.awaitSent(WAIT);
                assertThat(top.last("read")).as("top's screens reached the operator").isGreaterThan(10_000);
            }
            assertSawAndNeverTeleop(r, "ssh session", ":" + Sshd.PORT, 2);
        });
    }

    @Test
    @Requires(Prerequisite.CURL)
    void curlDownloadsLikeAptsNeverLookTeleoperated() throws Exception {
        Path mirror = directory("mirror");
        file(mirror.resolve("package.deb"), 16 << 20);
        LiveRobot.run(r -> {
            try (Peer server = Peer.start(r.hosts().operator(), "http-server", "--host", OPERATOR, "--port", "8080",
                    "--dir", mirror.toString())) {
                String url = "http://" + OPERATOR + ":8080/package.deb";
                // apt's Acquire::http::Dl-Limit: a steady, application-limited 16 Mbit/s; then at a good internet
                // link's 100 Mbit/s (unlimited, the veth pair moves 16 MB between two socket-table readings).
                curl(r.hosts().robot(), "--limit-rate", "2M", url);
                curl(r.hosts().robot(), "--limit-rate", "12M", url);
                await().atMost(WAIT).until(() -> server.received() == 2);
            }
            assertSawAndNeverTeleop(r, "curl downloads", ":8080", 2);
        });
    }

    @Test
    void httpPollingOnceASecondAndTenTimesASecondNeverLooksTeleoperated() throws Exception {
        Path site = directory("site");
        Files.writeString(site.resolve("status.json"), "{\"battery\": 87, \"state\": \"idle\", \"uptime\": 1234}\n");
        LiveRobot.run(r -> {
            try (Peer server = Peer.start(r.hosts().robot(), "http-server", "--host", ROBOT, "--port", "8080",
                    "--dir", site.toString());
                    Peer dashboard = Peer.start(r.hosts().operator(), "http-poller", "--host", ROBOT, "--port", "8080",
                            "--path", "/status.json", "--rate", "1", "--seconds", "10");
                    Peer script = Peer.start(r.hosts().operator(), "http-poller", "--host", ROBOT, "--port", "8080",
                            "--path", "/status.json", "--rate", "10", "--seconds", "10")) {
                long polls = dashboard.awaitSent(WAIT) + script.awaitSent(WAIT);
                await().atMost(WAIT).until(() -> server.received() == polls);
            }
            assertSawAndNeverTeleop(r, "HTTP polling", ":8080", 2);
        });
    }

    @Test
    @Requires({Prerequisite.OPENSSH, Prerequisite.RSYNC})
    void rsyncOverSshOfATreeNeverLooksTeleoperated() throws Exception {
        Path tree = directory("logs");
        for (int d = 0; d < 10; d++) {
            Path sub = Files.createDirectories(tree.resolve("run-" + d));
            for (int f = 0; f < 30; f++) {
                file(sub.resolve("chunk-" + f + ".bin"), 32 << 10);
            }
        }
        Path pulled = directory("pulled");
        Path pushed = directory("pushed");
        LiveRobot.run(r -> {
            try (Sshd sshd = Sshd.start(r.hosts().robot(), ROBOT)) {
                // Pulling logs off the robot at 1.5 MB/s (steady, out of the robot), then pushing them back unlimited.
                rsync(r.hosts().operator(), sshd, "--bwlimit=1500", sshd.remote(tree) + "/", pulled + "/");
                rsync(r.hosts().operator(), sshd, "--bwlimit=0", pulled + "/", sshd.remote(pushed) + "/");
            }
            try (var files = Files.walk(pushed)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(300);
            }
            assertSawAndNeverTeleop(r, "rsync over ssh", ":" + Sshd.PORT, 2);
        });
    }

    /**
     * All of it at once from one operator, the ingredients of the teleop pattern without teleoperation: a
     * steady bulk flow out of the robot (rsync pulling logs at 1.5 MB/s, video-shaped) while small periodic
     * traffic comes in from the same peer (typing over ssh with a held key, a 10 Hz status poller) and top
     * redraws. What comes in is answered (echoed keys, HTTP responses), so it is never a control flow.
     */
    @Test
    @Requires({Prerequisite.OPENSSH, Prerequisite.RSYNC})
    void aMaintenanceSessionOfAllOfThemAtOnceFromOnePeerNeverLooksTeleoperated() throws Exception {
        Path tree = directory("logs");
        for (int f = 0; f < 40; f++) {
            file(tree.resolve("chunk-" + f + ".bin"), 256 << 10);
        }
        Path site = directory("site");
        Files.writeString(site.resolve("status.json"), "{\"battery\": 87, \"state\": \"idle\"}\n");
        Path pulled = directory("pulled");
        LiveRobot.run(r -> {
            try (Sshd sshd = Sshd.start(r.hosts().robot(), ROBOT);
                    Peer server = Peer.start(r.hosts().robot(), "http-server", "--host", ROBOT, "--port", "8080",
                            "--dir", site.toString());
                    Peer typist = Peer.start(r.hosts().operator(), "ssh-session", "--rate", "8", "--seconds", "10",
                            "--ssh", sshd.ssh(""));
                    Peer top = Peer.start(r.hosts().operator(), "ssh-session", "--rate", "0", "--seconds", "10",
                            "--ssh", sshd.ssh("TERM=xterm top -d 0.1"));
                    Peer poller = Peer.start(r.hosts().operator(), "http-poller", "--host", ROBOT, "--port", "8080",
                            "--path", "/status.json", "--rate", "10", "--seconds", "10")) {
                rsync(r.hosts().operator(), sshd, "--bwlimit=1500", sshd.remote(tree) + "/", pulled + "/");
                typist.awaitSent(WAIT);
                top.awaitSent(WAIT);
                long polls = poller.awaitSent(WAIT);
                await().atMost(WAIT).until(() -> server.received() == polls);
            }
            assertSawAndNeverTeleop(r, "maintenance session", ":" + Sshd.PORT, 6);
        });
    }

    /**
     * Chromium cannot be driven into a namespace (chromedriver and the WebDriver client must share one), so
     * this runs on the machine's loopback with the socket table read only for the video server's port: other
     * builds' connections are not in it. On loopback both ends are this host.
     */
    @Test
    @Requires({Prerequisite.CHROMIUM, Prerequisite.CHROMEDRIVER, Prerequisite.GSTREAMER})
    void chromiumWatchingAVideoServedOverHttpNeverLooksTeleoperated() throws Exception {
        Path site = directory("video-site");
        encodeWebm(site.resolve("clip.webm"), 30);
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>clip</title>"
                + "<video id=v src=clip.webm autoplay muted playsinline></video>");
        int port = FreePort.next();
        NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());
        detector.localAddresses().set(Set.of("127.0.0.1"));
        List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();
        detector.listeners.add(pushed::add);
        detector.startTicking();
        AtomicLong servedBytesSeen = new AtomicLong();
        try (Sockets table = Sockets.open(LiveRobot.SOCKET_POLL); ShapeLog shapes = ShapeLog.start(detector);
                // Paced at 4 Mbit/s as a video site streams: from an unpaced local server Chromium may take the
                // whole clip and close the connection between two readings, and the table sees nothing of it.
                Peer server = Peer.start(null, "http-server", "--host", "127.0.0.1", "--port", String.valueOf(port),
                        "--dir", site.toString(), "--serve-mbps", "4");
                HeadlessChromium browser = HeadlessChromium.start()) {
            table.session(true);
            table.add(new SocketListener() {
                @Override
                public SocketInterest interest() {
                    return SocketInterest.tcp(Set.of(port));
                }

                @Override
                public void onSockets(SocketSnapshot snapshot) {
                    snapshot.sockets().stream().filter(e -> e.localPort() == port && e.tcp() != null)
                            .mapToLong(e -> e.tcp().bytesSent()).max()
                            .ifPresent(b -> servedBytesSeen.accumulateAndGet(b, Math::max));
                    detector.onSockets(snapshot);
                }
            });
            browser.driver().get("http://127.0.0.1:" + port + "/index.html");
            // Watched to the end: 30 s of playback (generous: a loaded machine may stall it).
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> Boolean.TRUE.equals(
                    browser.driver().executeScript("return document.getElementById('v').ended")));
            Object played = browser.driver().executeScript("return document.getElementById('v').currentTime");
            assertThat(((Number) played).doubleValue()).isGreaterThan(29);
            assertThat(detector.errors()).isZero();
            shapes.print("Chromium watching a video");
            // The detector was fed the server's connection with the clip's bytes on it (paced, so readings
            // fall inside the transfer).
            assertThat(servedBytesSeen.get()).as("bytes the table saw the server send")
                    .isGreaterThan(Files.size(site.resolve("clip.webm")) / 2);
        } finally {
            detector.deactivate();
        }
        assertNeverTeleop(pushed, detector.detect());
    }

    /** The flows on {@code port} were seen (at least {@code directions} of them carried data), none ever teleop. */
    private static void assertSawAndNeverTeleop(LiveRobot r, String title, String port, int directions) {
        r.shapes().print(title);
        assertThat(r.shapes().report().stream().filter(l -> l.startsWith("kernel tcp") && l.contains(port)))
                .as("the socket table's flows").hasSizeGreaterThanOrEqualTo(directions);
        assertNeverTeleop(r.pushed(), r.detector().detect());
    }

    private static void assertNeverTeleop(List<DetectorSignal> pushed, DetectorSignal end) {
        assertThat(pushed).allSatisfy(p -> {
            assertThat(p.active()).as(p.reason()).isFalse();
            assertThat(p.confidence()).as(p.reason()).isZero();
        });
        assertThat(end.active()).as(end.reason()).isFalse();
        assertThat(end.measurement("teleop_patterns")).as(end.reason()).isZero();
    }

    private static void curl(NetNs ns, String... args) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--fail", "-o", "/dev/null"));
        command.addAll(List.of(args));
        try (ChildProcess curl = ChildProcess.start("curl", ns.command(command), null)) {
            assertThat(curl.awaitExit(WAIT)).as(curl.tails()).isZero();
        }
    }

    private static void rsync(NetNs ns, Sshd sshd, String limit, String from, String to) throws InterruptedException {
        try (ChildProcess rsync = ChildProcess.start("rsync",
                ns.command(List.of("rsync", "-a", limit, "-e", sshd.transport(), from, to)), null)) {
            assertThat(rsync.awaitExit(WAIT)).as(rsync.tails() + sshd.tails()).isZero();
        }
    }

    /** {@code seconds} of 640x480 30 fps VP8 in WebM at about 2 Mbit/s, made by GStreamer. */
    private static void encodeWebm(Path file, int seconds) throws InterruptedException {
        try (ChildProcess gst = ChildProcess.start("gst-webm", new ProcessBuilder("gst-launch-1.0", "-q",
                "videotestsrc", "pattern=ball", "num-buffers=" + 30 * seconds, "!",
                "video/x-raw,width=640,height=480,framerate=30/1", "!", "vp8enc", "deadline=1", "cpu-used=8",
                "target-bitrate=2000000", "end-usage=cbr", "!", "webmmux", "!", "filesink", "location=" + file), null)) {
            assertThat(gst.awaitExit(Duration.ofSeconds(120))).as(gst.tails()).isZero();
        }
    }

    private Path directory(String name) throws IOException {
        Path dir = Files.createTempDirectory(name);
        temporary.add(dir);
        return dir;
    }

    /** A file of random bytes (incompressible, as packages and logs are to ssh's compression). */
    private static void file(Path path, int bytes) throws IOException {
        byte[] block = new byte[64 << 10];
        try (RandomAccessFile out = new RandomAccessFile(path.toFile(), "rw")) {
            for (int written = 0; written < bytes; written += block.length) {
                ThreadLocalRandom.current().nextBytes(block);
                out.write(block, 0, Math.min(block.length, bytes - written));
            }
        }
    }
}
