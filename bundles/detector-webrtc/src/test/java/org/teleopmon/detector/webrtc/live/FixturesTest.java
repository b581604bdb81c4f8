package org.teleopmon.detector.webrtc.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.teleopmon.detector.webrtc.live.PcapUdpReader.UdpDatagram;

/** The recorded fixtures agree with their truth files, read straight off the pcap headers. */
class FixturesTest {

    /** A fixture file of {@code src/test/resources/pcap/}. */
    static Path fixture(String name) throws URISyntaxException {
        return Path.of(FixturesTest.class.getResource("/pcap/" + name).toURI());
    }

    @Test
    void chromiumCallPcapHoldsTheStreamsItsTruthCounts() throws Exception {
        CallTruth truth = CallTruth.read(fixture("chromium-call.truth.json"));
        List<UdpDatagram> wire = PcapUdpReader.read(fixture("chromium-call.pcap"));
        CallTruth.OutboundStream video = truth.outbound("video");
        CallTruth.OutboundStream audio = truth.outbound("audio");

        assertThat(wire).anyMatch(d -> Wire.isStun(d.payload())).anyMatch(d -> Wire.isDtls13Unified(d.payload()));
        assertThat(rtp(wire, video.ssrc()) + rtp(wire, video.rtxSsrc())).isEqualTo(video.packetsSent());
        assertThat(rtp(wire, audio.ssrc())).isEqualTo(audio.packetsSent());
        assertThat(truth.inbound("video").packetsLost()).isZero();
        assertThat(wire).filteredOn(d -> Wire.rtpSsrc(d.payload()) == video.ssrc())
                .allMatch(d -> d.srcPort() == truth.candidatePair().localPort()
                        && d.dstPort() == truth.candidatePair().remotePort());
        assertThat(Files.size(fixture("chromium-call.pcap"))).isLessThan(400_000);
    }

    @Test
    void gstPcapShowsExactlyTheRelaysLoss() throws Exception {
        RelayedStreamTruth truth = RelayedStreamTruth.read(fixture("gst-vp8-drop20.truth.json"));
        List<UdpDatagram> wire = PcapUdpReader.read(fixture("gst-vp8-drop20.pcap"));

        assertThat(wire).hasSize((int) truth.forwarded()).allMatch(d -> d.srcPort() == truth.relayPort()
                && d.dstPort() == truth.sinkPort() && Wire.rtpSsrc(d.payload()) == truth.ssrc()
                && Wire.rtpPayloadType(d.payload()) == truth.payloadType());
        long missing = 0;
        for (int i = 1; i < wire.size(); i++) {
            int step = (Wire.rtpSequence(wire.get(i).payload()) - Wire.rtpSequence(wire.get(i - 1).payload())) & 0xffff;
            missing += step - 1;
        }
        assertThat(missing).isEqualTo(truth.dropped());
        assertThat(truth.dropped()).isEqualTo(truth.received() / truth.dropEvery());
        long frames = wire.stream().map(d -> Wire.rtpTimestamp(d.payload())).distinct().count();
        assertThat(frames).isBetween(truth.frames() - truth.dropped(), (long) truth.frames());
        long first = Wire.rtpTimestamp(wire.get(0).payload());
        assertThat(wire).allMatch(d -> ((Wire.rtpTimestamp(d.payload()) - first) & 0xffffffffL)
                % (truth.clockRate() / truth.fps()) == 0);
    }

    @Test
    void otherUdpPcapHoldsEachExchange() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(fixture("other-udp.truth.json").toFile());
        List<UdpDatagram> wire = PcapUdpReader.read(fixture("other-udp.pcap"));
        for (JsonNode exchange : truth) {
            int port = exchange.path("serverPort").asInt();
            long toServer = wire.stream().filter(d -> d.dstPort() == port).count();
            if (exchange.path("protocol").asText().equals("quic")) {
                assertThat(toServer).as("quic").isPositive();
            } else {
                assertThat(toServer).as(exchange.path("protocol").asText())
                        .isEqualTo(exchange.path("requests").asLong());
            }
        }
    }

    private static long rtp(List<UdpDatagram> wire, long ssrc) {
        return wire.stream().filter(d -> Wire.isRtpOrRtcp(d.payload()) && !Wire.isRtcp(d.payload())
                && Wire.rtpSsrc(d.payload()) == ssrc).count();
    }
}
