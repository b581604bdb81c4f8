package org.teleopmon.detector.webrtc.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.teleopmon.testsupport.DropRelay;
import org.teleopmon.testsupport.GstRtpSender;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;
import org.teleopmon.testsupport.UdpSink;

/**
 * Re-records the replay fixtures in {@code src/test/resources/pcap/} (see the README there). Runs
 * only when asked, with the output directory in {@code -Dteleop.record.fixtures=<dir>}:
 * <pre>
 * mvn -B -o -q verify -pl bundles/detector-webrtc -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FixtureRecorder \
 *     -Dteleop.record.fixtures=$PWD/bundles/detector-webrtc/src/test/resources/pcap
 * </pre>
 */
@Requires({Prerequisite.ROOT, Prerequisite.IPROUTE2, Prerequisite.TCPDUMP, Prerequisite.CHROMIUM,
        Prerequisite.GSTREAMER, Prerequisite.PYTHON_DNS, Prerequisite.PYTHON_NTP, Prerequisite.NGTCP2, Prerequisite.OPENSSL})
@EnabledIfSystemProperty(named = "teleop.record.fixtures", matches = ".+")
class FixtureRecorder {

    static final ChromiumCall.Options CALL = ChromiumCall.Options.defaults().withMaxBitrate(1_000_000);
    static final int SNAPLEN = 256;
    static final int DROP_EVERY = 20;

    private final Path out = Path.of(System.getProperty("teleop.record.fixtures", "."));

    @Test
    void chromiumCall() throws Exception {
        try (NetNs ns = NetNs.create();
             PcapRecorder recorder = PcapRecorder.start(ns, out.resolve("chromium-call.pcap"), SNAPLEN, "udp")) {
            CallTruth truth = ChromiumCall.run(ns, CALL);
            recorder.stop();
            truth.write(out.resolve("chromium-call.truth.json"));
        }
    }

    @Test
    void gstreamerVp8ThroughDropRelay() throws Exception {
        try (NetNs ns = NetNs.create(); UdpSink sink = UdpSink.start(ns);
             DropRelay relay = DropRelay.start(ns, new InetSocketAddress("127.0.0.1", sink.port()), DROP_EVERY);
             PcapRecorder recorder = PcapRecorder.start(ns, out.resolve("gst-vp8-drop20.pcap"), SNAPLEN,
                    "udp src port " + relay.port())) {
            GstRtpSender.Options options = GstRtpSender.Options.video("127.0.0.1", relay.port())
                    .withFrames(180, 30).withPicture(640, 480, 800_000);
            long finished;
            try (GstRtpSender sender = GstRtpSender.start(ns, options)) {
                sender.awaitFinished(Duration.ofSeconds(30));
                finished = System.currentTimeMillis();
                await().atMost(Duration.ofSeconds(2)).until(() -> sink.datagrams() == relay.forwarded());
                recorder.stop();
                RelayedStreamTruth.of(sender, relay, sink.port(), DROP_EVERY, finished)
                        .write(out.resolve("gst-vp8-drop20.truth.json"));
            }
        }
    }

    @Test
    void otherUdpTraffic() throws Exception {
        try (NetNs ns = NetNs.create();
             PcapRecorder recorder = PcapRecorder.start(ns, out.resolve("other-udp.pcap"), SNAPLEN, "udp")) {
            List<OtherUdpTraffic.Exchange> exchanges = List.of(OtherUdpTraffic.dns(ns, 20), OtherUdpTraffic.ntp(ns, 5),
                    OtherUdpTraffic.quicInitials(ns, Duration.ofSeconds(3)), OtherUdpTraffic.quicTransfer(ns, 100_000));
            recorder.stop();
            assertThat(exchanges).allMatch(e -> e.requests() > 0);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("other-udp.truth.json").toFile(), exchanges);
        }
        assertThat(Files.size(out.resolve("other-udp.pcap"))).isPositive();
    }
}
