package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.detector.network.live.Peer;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.HeadlessChromium;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * web_control driven from a real browser: Chromium loads the operator page from a Socket.IO server
 * (python-socketio on aiohttp, on a free port configured as the web_control port) and emits {@code command}
 * events at 20 Hz through its own WebSocket (masked frames, permessage-deflate as Chromium and aiohttp
 * negotiate it). Chromium cannot be driven into a namespace, so this captures the machine's loopback, for
 * that port only: other builds' traffic does not reach the detector.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT, Prerequisite.PYTHON, Prerequisite.PYTHON_SOCKETIO,
        Prerequisite.CHROMIUM, Prerequisite.CHROMEDRIVER})
class LiveBrowserWebControlTest {

    private static final Duration WAIT = LiveRobot.WAIT;

    @Test
    void chromiumEmittingCommandsAt20HzOverSocketIoIsWebControlWithinFivePercent() throws Exception {
        Path site = Files.createTempDirectory("web-control-page");
        try (InputStream page = getClass().getResourceAsStream("/pages/web_control.html")) {
            Files.copy(page, site.resolve("index.html"));
        }
        int port = FreePort.next();
        NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults().withWebPorts(port));
        detector.localAddresses().set(Set.of("127.0.0.1"));
        detector.startTicking();
        PacketListener onlyThePort = new PacketListener() {
            @Override
            public CaptureInterest interest() {
                return new CaptureInterest(Set.of(port), Set.of(), false);
            }

            @Override
            public void onPacket(Packet packet) {
                detector.onPacket(packet);
            }
        };
        try (Capture capture = Capture.open(List.of("lo"), "", 10);
                Peer server = Peer.start(null, "sio-server", "--host", "127.0.0.1", "--port", String.valueOf(port),
                        "--dir", site.toString());
                HeadlessChromium browser = HeadlessChromium.start()) {
            capture.add(onlyThePort);
            await().atMost(WAIT).until(capture::ready);
            browser.driver().get("http://127.0.0.1:" + port + "/page/index.html?rate=20&seconds=8");

            await().atMost(WAIT).until(() -> detector.detect().active());
            // Two seconds in: the detector's window (2 s) holds commands only.
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            DetectorSignal during = detector.detect();
            Map<?, ?> result = await().atMost(WAIT).until(
                    () -> (Map<?, ?>) browser.driver().executeScript("return window.result"), r -> r != null);
            long sent = ((Number) result.get("sent")).longValue();
            double truth = sent / ((Number) result.get("seconds")).doubleValue();
            System.out.printf("== Chromium web_control: the page sent %.2f commands/s; the detector: %s%n", truth,
                    during.reason());

            assertThat(during.measurement("web_commands_hz")).as(during.reason()).isCloseTo(truth, within(truth * 0.05));
            assertThat(during.confidence()).isEqualTo(NetworkView.SESSION_CONFIDENCE);
            assertThat(during.reason()).contains("web_control: Socket.IO over WebSocket to 127.0.0.1:" + port,
                    "/socket.io/?EIO=4&transport=websocket");
            assertThat(during.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("127.0.0.1"));
            await().atMost(WAIT).until(() -> server.received() == sent);
            await().atMost(WAIT).until(() -> !detector.detect().active());
            assertThat(detector.errors()).isZero();
        } finally {
            detector.deactivate();
            ChildProcess.deleteTree(site);
        }
    }
}
