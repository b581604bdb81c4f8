package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.detector.webrtc.live.CallTruth;
import org.teleopmon.detector.webrtc.live.RelayedStreamTruth;
import org.teleopmon.testsupport.BuiltPacket;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Recorded real traffic (see {@code src/test/resources/pcap/README.md}) through the capture
 * bundle's decoder and the whole detector, compared with what the senders themselves counted.
 */
@Requires(Prerequisite.LIBPCAP)
class FixtureReplayTest {

    @Test
    void aChromiumCallMatchesChromiumsOwnStats() throws Exception {
        CallTruth truth = CallTruth.read(fixture("chromium-call.truth.json"));
        List<BuiltPacket> packets = Recording.udp(fixture("chromium-call.pcap"));
        // The page closes its peer connections at the end: up to that close_notify the call is up.
        int close = Recording.closingPacket(packets);
        assertThat(close).as("the recording ends with the peers' close_notify").isPositive();
        WebRtcDetector detector = Recording.play(packets.subList(0, close));
        CallTruth.OutboundStream video = truth.outbound("video");
        CallTruth.OutboundStream audio = truth.outbound("audio");

        List<CallRow> calls = detector.calls();
        assertThat(calls).hasSize(1);
        CallRow call = calls.get(0);
        assertThat(call.kind()).isEqualTo("webrtc");
        assertThat(call.dtls()).isEqualTo("1.3");
        assertThat(call.rttMs()).isBetween(0.0, 5.0);
        assertThat(call.local() + " " + call.remote()).contains(":" + truth.candidatePair().localPort())
                .contains(":" + truth.candidatePair().remotePort());

        StreamRow videoRow = Recording.stream(detector, video.ssrc());
        StreamRow rtxRow = Recording.stream(detector, video.rtxSsrc());
        StreamRow audioRow = Recording.stream(detector, audio.ssrc());
        assertThat(videoRow.kind()).isEqualTo("video");
        assertThat(videoRow.clockRate()).isEqualTo(90_000);
        assertThat(rtxRow.kind()).isEqualTo("rtx");
        assertThat(audioRow.kind()).isEqualTo("audio");
        assertThat(audioRow.clockRate()).isEqualTo(48_000);
        // Chromium counts the RTX SSRC's packets into the video's packetsSent.
        assertThat(videoRow.packets() + rtxRow.packets()).isEqualTo(video.packetsSent());
        assertThat(videoRow.frames()).isEqualTo(video.framesSent());
        assertThat(audioRow.packets()).isEqualTo(audio.packetsSent());
        assertThat(videoRow.lost()).isEqualTo(truth.inbound("video").packetsLost());
        assertThat(audioRow.lost()).isEqualTo(truth.inbound("audio").packetsLost());

        double seconds = (truth.mediaStoppedAtMs() - truth.connectedAtMs()) / 1000.0;
        assertThat(videoRow.frames() / seconds).isCloseTo(video.framesSent() / seconds, within(0.05 * video.framesSent() / seconds));
        // Chromium's bytes are payload plus RTP header (padding included); the wire adds the SRTP tag.
        long chromiumBytes = video.bytesSent() + video.headerBytesSent();
        assertThat((double) videoRow.bytes() + rtxRow.bytes()).isCloseTo(chromiumBytes, within(0.05 * chromiumBytes));

        DetectorSignal signal = detector.detect();
        assertThat(signal.active()).isTrue();
        assertThat(signal.confidence()).isGreaterThanOrEqualTo(90);
        assertThat(signal.operators()).hasSize(1);

        packets.subList(close, packets.size()).forEach(detector::onPacket);
        DetectorSignal end = detector.detect();
        assertThat(end.active()).isFalse();
        assertThat(end.ended().kind()).isEqualTo(EndReason.Kind.CALL_ENDED);
        assertThat(end.ended().detail()).contains("DTLS close_notify");
        assertThat(end.ended().at()).isEqualTo(Instant.ofEpochSecond(0, packets.get(close).timestampNanos()));
        assertThat(end.ended().at().toEpochMilli()).isBetween(truth.statsAtMs(), truth.closedAtMs() + 50);
    }

    @Test
    void plainRtpThroughARelayDroppingEveryTwentiethShowsThatLoss() throws Exception {
        RelayedStreamTruth truth = RelayedStreamTruth.read(fixture("gst-vp8-drop20.truth.json"));
        WebRtcDetector detector = Recording.play(Recording.udp(fixture("gst-vp8-drop20.pcap")));

        StreamRow row = Recording.stream(detector, truth.ssrc());
        assertThat(row.kind()).isEqualTo("video");
        assertThat(row.packets()).isEqualTo(truth.forwarded());
        assertThat(row.lost()).isEqualTo(truth.dropped());
        double expectedLoss = 100.0 * truth.dropped() / truth.received();
        assertThat(row.lossPercent()).isCloseTo(expectedLoss, within(0.05 * expectedLoss));
        // A frame whose only packet was dropped is gone from the wire too.
        assertThat(row.frames()).isBetween(truth.frames() - truth.dropped(), (long) truth.frames());
        assertThat(detector.calls()).singleElement().extracting(CallRow::kind).isEqualTo("rtp");
    }

    @Test
    void dnsNtpAndQuicAreNoCall() throws Exception {
        WebRtcDetector detector = Recording.play(Recording.udp(fixture("other-udp.pcap")));
        assertThat(detector.calls()).isEmpty();
        assertThat(detector.streams()).isEmpty();
        assertThat(detector.detect().active()).isFalse();
        assertThat(detector.errors()).isZero();
    }

    static Path fixture(String name) throws Exception {
        return Path.of(FixtureReplayTest.class.getResource("/pcap/" + name).toURI());
    }
}
