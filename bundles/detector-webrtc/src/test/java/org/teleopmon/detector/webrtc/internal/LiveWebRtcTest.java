package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.detector.webrtc.live.CallTruth;
import org.teleopmon.detector.webrtc.live.ChromiumCall;
import org.teleopmon.testsupport.DropRelay;
import org.teleopmon.testsupport.GstRtpSender;
import org.teleopmon.detector.webrtc.live.OtherUdpTraffic;
import org.teleopmon.testsupport.UdpSink;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Real traffic captured live by libpcap on the {@code lo} of a private network namespace (so that
 * Chromium cannot route over another interface), judged against what the senders counted. Needs
 * root, as CI runs.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT, Prerequisite.IPROUTE2})
class LiveWebRtcTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @Requires(Prerequisite.CHROMIUM)
    void aChromiumCallIsMeasuredWithinFivePercentOfItsOwnStats() throws Exception {
        try (NetNs ns = NetNs.create()) {
            WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
            List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();
            detector.listeners.add(pushed::add);
            List<Double> fpsDuringCall = new ArrayList<>();
            CallTruth truth;
            String captureStats;
            List<StreamRow> streams;
            try (Capture capture = Capture.loopback(detector, ns.path().toString())) {
                await().atMost(WAIT).until(capture::ready);
                // The call's rows vanish with its close_notify: keep the last ones read while it was up
                // (media stops 300 ms before the close, so they are final).
                AtomicReference<List<StreamRow>> rows = new AtomicReference<>(List.of());
                Thread reader = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        List<StreamRow> now = detector.streams();
                        if (!now.isEmpty()) {
                            rows.set(now);
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "stream-rows");
                reader.setDaemon(true);
                reader.start();
                try (ChromiumCall call = ChromiumCall.start(ns, ChromiumCall.Options.defaults()
                        .withDuration(Duration.ofSeconds(8)))) {
                    await().atMost(WAIT).until(() -> detector.detect().measurement("video_streams") == 1);
                    await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
                    fpsDuringCall.add(detector.detect().measurement("fps"));
                    truth = call.awaitTruth(WAIT);
                }
                // The page closed both peer connections: their DTLS close_notify ends the call at once.
                await().atMost(WAIT).until(() -> pushed.stream().anyMatch(p -> p.ended() != null));
                reader.interrupt();
                streams = rows.get();
                captureStats = capture.stats().toString();
            }
            // Kernel drops on a loaded machine are allowed for: the 5 % tolerance covers them.
            String context = captureStats + "\n" + streams;
            CallTruth.OutboundStream video = truth.outbound("video");
            StreamRow videoRow = Recording.stream(streams, video.ssrc());
            StreamRow rtxRow = Recording.stream(streams, video.rtxSsrc());
            assertThat((double) videoRow.frames()).as(context).isCloseTo(video.framesSent(), within(0.05 * video.framesSent()));
            assertThat((double) videoRow.packets() + rtxRow.packets()).as(context)
                    .isCloseTo(video.packetsSent(), within(0.05 * video.packetsSent()));
            long chromiumBytes = video.bytesSent() + video.headerBytesSent();
            assertThat((double) videoRow.bytes() + rtxRow.bytes()).isCloseTo(chromiumBytes, within(0.05 * chromiumBytes));
            double seconds = (truth.mediaStoppedAtMs() - truth.connectedAtMs()) / 1000.0;
            double truthFps = video.framesSent() / seconds;
            assertThat(fpsDuringCall.get(0)).isCloseTo(truthFps, within(0.05 * truthFps));
            assertThat((double) videoRow.lost()).as(context)
                    .isCloseTo(truth.inbound("video").packetsLost(), within(0.05 * video.packetsSent()));
            assertThat(detector.history()).singleElement().satisfies(c -> assertThat(c.dtls()).isEqualTo("1.3"));
            assertThat(pushed).anySatisfy(s -> assertThat(s.active()).isTrue());
            DetectorSignal end = pushed.stream().filter(s -> s.ended() != null).findFirst().orElseThrow();
            assertThat(end.ended().kind()).isEqualTo(EndReason.Kind.CALL_ENDED);
            assertThat(end.ended().detail()).contains("DTLS close_notify");
            assertThat(end.ended().at().toEpochMilli()).as("the close, not the idle timeout after it")
                    .isBetween(truth.closedAtMs() - 1000, truth.closedAtMs() + 1000);
        }
    }

    @Test
    @Requires(Prerequisite.GSTREAMER)
    void plainRtpThroughARelayDroppingEveryTwentiethShowsFivePercentLoss() throws Exception {
        try (NetNs ns = NetNs.create()) {
            WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
            try (Capture capture = Capture.loopback(detector, ns.path().toString());
                    UdpSink sink = UdpSink.start(ns);
                    DropRelay relay = DropRelay.start(ns, new InetSocketAddress("127.0.0.1", sink.port()), 20)) {
                await().atMost(WAIT).until(capture::ready);
                GstRtpSender.Options options = GstRtpSender.Options.video("127.0.0.1", relay.port())
                        .withFrames(150, 30).withPicture(640, 480, 2_000_000);
                List<Double> fps = new ArrayList<>();
                try (GstRtpSender sender = GstRtpSender.start(ns, options)) {
                    await().atMost(WAIT).until(() -> detector.detect().measurement("video_streams") >= 1);
                    await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
                    fps.add(detector.detect().measurement("fps_max"));
                    sender.awaitFinished(WAIT);
                }
                await().atMost(WAIT).until(() -> sink.datagrams() == relay.forwarded());
                List<StreamRow> rows = detector.streams().stream().filter(s -> s.ssrc() == options.videoSsrc()).toList();
                // Two legs of one stream: sender -> relay (whole) and relay -> sink (every 20th gone).
                assertThat(rows).hasSize(2);
                StreamRow whole = rows.stream().filter(r -> r.lost() == 0).findFirst().orElseThrow();
                StreamRow lossy = rows.stream().filter(r -> r.lost() > 0).findFirst().orElseThrow();
                assertThat(whole.frames()).isEqualTo(options.frames());
                assertThat(whole.packets()).isEqualTo(relay.received());
                assertThat(lossy.packets()).isEqualTo(relay.forwarded());
                // A loss is a gap before a later packet: when the very last datagram was dropped, no
                // packet follows it and no receiver can count it.
                long lastDropped = relay.received() % 20 == 0 ? 1 : 0;
                assertThat(lossy.lost()).isEqualTo(relay.dropped() - lastDropped);
                double expectedLoss = 100.0 * relay.dropped() / relay.received();
                assertThat(lossy.lossPercent()).isCloseTo(expectedLoss, within(0.05 * expectedLoss));
                assertThat(fps.get(0)).isCloseTo(options.fps(), within(0.05 * options.fps()));
                // Exact counts above need every packet: a kernel drop would show as a wrong count.
                assertThat(capture.stats().droppedKernel()).isZero();
            }
        }
    }

    @Test
    @Requires({Prerequisite.PYTHON_DNS, Prerequisite.PYTHON_NTP, Prerequisite.CHROMIUM, Prerequisite.NGTCP2,
            Prerequisite.OPENSSL})
    void dnsNtpAndQuicOnTheWireAreNoCall() throws Exception {
        try (NetNs ns = NetNs.create()) {
            WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
            try (Capture capture = Capture.loopback(detector, ns.path().toString())) {
                await().atMost(WAIT).until(capture::ready);
                List<OtherUdpTraffic.Exchange> exchanges = OtherUdpTraffic.all(ns);
                assertThat(exchanges).allSatisfy(e -> assertThat(e.requests()).isPositive());
                await().atMost(WAIT).until(() -> capture.stats().dispatched() > 0);
            }
            detector.tick();
            assertThat(detector.calls()).isEmpty();
            assertThat(detector.streams()).isEmpty();
            assertThat(detector.detect().active()).isFalse();
            assertThat(detector.errors()).isZero();
        }
    }

}
