package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.detector.network.live.Peer;
import org.teleopmon.detector.network.live.TwoHosts;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Real peers on two hosts (namespaces joined by a veth pair), captured live by libpcap on the robot's link:
 * XLeVR's TLS WebSocket, web_control's Socket.IO, a custom video + control link, and the traffic that must
 * never look like teleoperation. Needs root, as CI runs.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT, Prerequisite.IPROUTE2, Prerequisite.PYTHON})
class LiveNetworkTest {

    private static final Duration WAIT = LiveRobot.WAIT;
    private static final String ROBOT = TwoHosts.ROBOT;
    private static final String OPERATOR = TwoHosts.OPERATOR;

    private static void live(LiveRobot.Body body) throws Exception {
        LiveRobot.run(body);
    }

    @Test
    @Requires({Prerequisite.PYTHON_WEBSOCKETS, Prerequisite.OPENSSL})
    void xleVrAt72And90HzIsDetectedWithinFivePercentAndItsCloseEndsTheSession() throws Exception {
        Path dir = Files.createTempDirectory("vr-cert");
        Path[] cert = Peer.selfSignedCertificate(dir);
        live(s -> {
            try (Peer server = Peer.start(s.hosts().robot(), "vr-server", "--host", ROBOT, "--port", "8442",
                    "--cert", cert[0].toString(), "--key", cert[1].toString())) {
                for (int rate : new int[] {72, 90}) {
                    s.pushed().clear();
                    try (Peer headset = Peer.start(s.hosts().operator(), "vr-client", "--host", ROBOT, "--port", "8442",
                            "--rate", String.valueOf(rate), "--seconds", "6")) {
                        await().atMost(WAIT).until(() -> s.detector().detect().active());
                        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
                        DetectorSignal during = s.detector().detect();
                        long sent = headset.awaitSent(WAIT);
                        double truth = sent / headset.seconds();
                        assertThat(during.measurement("vr_rate_hz")).as(during.reason()).isCloseTo(truth, within(truth * 0.05));
                        assertThat(during.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(truth, within(truth * 0.05));
                        assertThat(during.confidence()).isEqualTo(NetworkView.SESSION_CONFIDENCE);
                        assertThat(during.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(OPERATOR));
                        assertThat(during.reason()).contains("vr: TLS to " + ROBOT + ":8442 from " + OPERATOR);
                        await().atMost(WAIT).until(() -> s.detector().detect().ended() != null);
                        DetectorSignal after = s.detector().detect();
                        assertThat(after.active()).isFalse();
                        // Ended at once by the close. Which side asked is inferred over TLS, not read: see the docs.
                        assertThat(after.ended().kind().category()).as(after.ended().detail()).isEqualTo("connection_closed");
                        assertThat(after.ended().kind()).isIn(EndReason.Kind.OPERATOR_CLOSED, EndReason.Kind.ROBOT_CLOSED);
                        assertThat(s.pushed()).anySatisfy(p -> assertThat(p.active()).isTrue());
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ChildProcess.deleteTree(dir);
    }

    @Test
    @Requires({Prerequisite.PYTHON_WEBSOCKETS, Prerequisite.OPENSSL})
    void aVrClientSendingOnceASecondIsNotTeleop() throws Exception {
        Path dir = Files.createTempDirectory("vr-cert");
        Path[] cert = Peer.selfSignedCertificate(dir);
        live(s -> {
            try (Peer server = Peer.start(s.hosts().robot(), "vr-server", "--host", ROBOT, "--port", "8442",
                    "--cert", cert[0].toString(), "--key", cert[1].toString());
                    Peer headset = Peer.start(s.hosts().operator(), "vr-client", "--host", ROBOT, "--port", "8442",
                            "--rate", "1", "--seconds", "6")) {
                assertThat(headset.awaitSent(WAIT)).isGreaterThanOrEqualTo(5);
                assertThat(s.detector().flows(true)).anySatisfy(r -> assertThat(r.protocol()).isEqualTo("tls"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(s.pushed()).noneSatisfy(p -> assertThat(p.active()).isTrue());
        });
        ChildProcess.deleteTree(dir);
    }

    @Test
    @Requires(Prerequisite.PYTHON_SOCKETIO)
    void webControlSocketIoCommandsAt20HzAreCountedWithinFivePercentApartFromPingPong() throws Exception {
        live(s -> {
            try (Peer server = Peer.start(s.hosts().robot(), "sio-server", "--host", ROBOT, "--port", "8000");
                    Peer browser = Peer.start(s.hosts().operator(), "sio-client", "--host", ROBOT, "--port", "8000",
                            "--rate", "20", "--seconds", "6")) {
                await().atMost(WAIT).until(() -> s.detector().detect().active());
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                DetectorSignal during = s.detector().detect();
                List<FlowRow> rows = s.detector().flows(false);
                long sent = browser.awaitSent(WAIT);
                double truth = sent / browser.seconds();
                assertThat(during.measurement("web_commands_hz")).as(during.reason()).isCloseTo(truth, within(truth * 0.05));
                assertThat(during.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(OPERATOR));
                assertThat(during.reason()).contains("web_control: Socket.IO over WebSocket to " + ROBOT + ":8000",
                        "/socket.io/?", "transport=websocket");
                // The server pings every second (ping_interval=1): pings and pongs are counted, not commands.
                assertThat(rows).singleElement().satisfies(r -> assertThat(r.evidence()).containsPattern("[1-9]\\d* pings"));
                await().atMost(WAIT).until(() -> server.received() == sent);
                await().atMost(WAIT).until(() -> !s.detector().detect().active());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Requires(Prerequisite.GSTREAMER)
    void gstreamerVideoOutAndThirtyHertzControlInOnUnusualPortsIsTheTeleopPattern() throws Exception {
        live(s -> {
            try (Peer relay = Peer.start(s.hosts().robot(), "relay", "--listen", "47001", "--bind", ROBOT,
                    "--host", OPERATOR, "--port", "47100");
                    Peer viewer = Peer.start(s.hosts().operator(), "udp-sink", "--host", OPERATOR, "--port", "47100");
                    Peer base = Peer.start(s.hosts().robot(), "udp-sink", "--host", ROBOT, "--port", "47200");
                    ChildProcess camera = gstVideo(s, "127.0.0.1", 47001, 10);
                    Peer joystick = Peer.start(s.hosts().operator(), "udp-control", "--host", ROBOT, "--port", "47200",
                            "--rate", "30", "--seconds", "8")) {
                await().atMost(WAIT).until(() -> s.detector().detect().measurement("teleop_patterns") >= 1);
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
                DetectorSignal during = s.detector().detect();
                long sent = joystick.awaitSent(WAIT);
                double truth = sent / joystick.seconds();
                assertThat(during.active()).as(during.reason()).isTrue();
                assertThat(during.confidence()).isEqualTo(NetworkView.PATTERN_CONFIDENCE);
                assertThat(during.reason()).contains("teleop pattern with " + OPERATOR, "video: udp " + ROBOT,
                        "control: udp " + OPERATOR);
                assertThat(during.measurement(Measurements.COMMAND_RATE_HZ)).isCloseTo(truth, within(truth * 0.05));
                // The encoder may drop a frame under load: 10 % on the frame rate.
                assertThat(during.measurement(Measurements.FPS)).isCloseTo(30, within(3.0));
                assertThat(during.operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(OPERATOR));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Requires(Prerequisite.GSTREAMER)
    void plainRtpVideoWithControlOnlyCorroboratesTheWebRtcDetector() throws Exception {
        live(s -> {
            try (Peer viewer = Peer.start(s.hosts().operator(), "udp-sink", "--host", OPERATOR, "--port", "47100");
                    Peer base = Peer.start(s.hosts().robot(), "udp-sink", "--host", ROBOT, "--port", "47200");
                    ChildProcess camera = gstVideo(s, OPERATOR, 47100, 10);
                    Peer joystick = Peer.start(s.hosts().operator(), "udp-control", "--host", ROBOT, "--port", "47200",
                            "--rate", "30", "--seconds", "8")) {
                await().atMost(WAIT).until(() -> s.detector().detect().measurement("teleop_patterns") >= 1);
                DetectorSignal during = s.detector().detect();
                assertThat(during.confidence()).as(during.reason()).isEqualTo(NetworkView.CORROBORATE_CONFIDENCE);
                assertThat(during.reason()).contains("corroborates", "udp/rtp");
                assertThat(during.measurements()).doesNotContainKeys(Measurements.COMMAND_RATE_HZ, Measurements.FPS);
                joystick.awaitSent(WAIT);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Requires({Prerequisite.GSTREAMER, Prerequisite.PYTHON_DNS, Prerequisite.PYTHON_NTP})
    void dnsNtpMdnsAnSshLikeShellAndWatchingAVideoNeverLookTeleoperated() throws Exception {
        live(s -> {
            try (Peer dns = Peer.start(s.hosts().operator(), "dns-server", "--host", OPERATOR, "--port", "53");
                    Peer ntp = Peer.start(s.hosts().operator(), "ntp-server", "--host", OPERATOR, "--port", "123");
                    Peer shell = Peer.start(s.hosts().robot(), "echo-server", "--host", ROBOT, "--port", "60001");
                    Peer responder = Peer.start(s.hosts().operator(), "mdns", "--bind", OPERATOR, "--rate", "0",
                            "--respond");
                    Peer player = Peer.start(s.hosts().robot(), "udp-sink", "--host", ROBOT, "--port", "47300")) {
                List<Peer> clients = new ArrayList<>();
                ChildProcess stream = null;
                try {
                    // Video watched on the robot: it comes in, it does not go out.
                    stream = gstVideo(s.hosts().operator(), ROBOT, 47300, 10);
                    clients.add(Peer.start(s.hosts().robot(), "dns-client", "--host", OPERATOR, "--port", "53",
                            "--rate", "20", "--seconds", "8"));
                    clients.add(Peer.start(s.hosts().robot(), "ntp-client", "--host", OPERATOR, "--port", "123",
                            "--rate", "10", "--seconds", "8"));
                    clients.add(Peer.start(s.hosts().operator(), "typist", "--host", ROBOT, "--port", "60001",
                            "--rate", "8", "--seconds", "8"));
                    clients.add(Peer.start(s.hosts().robot(), "mdns", "--bind", ROBOT, "--rate", "10", "--seconds", "8"));
                    for (Peer c : clients) {
                        assertThat(c.awaitSent(WAIT)).as(c.tails()).isPositive();
                    }
                    assertThat(dns.received()).isPositive();
                    assertThat(ntp.received()).isPositive();
                    assertThat(shell.received()).isPositive();
                    assertThat(player.received()).isPositive();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    clients.forEach(Peer::close);
                    if (stream != null) {
                        stream.close();
                    }
                }
            }
            DetectorSignal end = s.detector().detect();
            assertThat(s.pushed()).noneSatisfy(p -> assertThat(p.active()).as(p.reason()).isTrue());
            assertThat(end.active()).as(end.reason()).isFalse();
            assertThat(end.measurement("flows")).as(end.reason()).isGreaterThanOrEqualTo(5);
        });
    }

    private static ChildProcess gstVideo(LiveRobot s, String host, int port, int seconds) {
        return gstVideo(s.hosts().robot(), host, port, seconds);
    }

    /** 640x480 at 30 fps of changing noise, VP8 at 2 Mbit/s, RTP, to {@code host:port}, for {@code seconds}. */
    private static ChildProcess gstVideo(org.teleopmon.testsupport.NetNs ns, String host, int port, int seconds) {
        return ChildProcess.start("gst-video", ns.command(List.of("gst-launch-1.0", "-q", "videotestsrc", "is-live=true",
                "pattern=snow", "num-buffers=" + 30 * seconds, "!", "video/x-raw,width=640,height=480,framerate=30/1",
                "!", "vp8enc", "deadline=1", "cpu-used=8", "target-bitrate=2000000", "end-usage=cbr", "!", "rtpvp8pay",
                "mtu=1200", "!", "udpsink", "host=" + host, "port=" + port)), null);
    }
}
