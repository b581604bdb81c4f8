package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What Chromium's {@code getStats()} said about a {@link ChromiumCall}: the truth a detector's view of
 * the same packets is compared with. Times are wall-clock epoch milliseconds (the page's
 * {@code Date.now()}, the same clock as {@link System#currentTimeMillis()}). The stats are taken after
 * the senders stopped and {@code settleMs} later, just before both peers close, so the totals are
 * those of the whole call as seen on the wire. Absent numbers are -1 (or null for strings).
 *
 * <p>How Chromium counts, checked by {@code HarnessTest} on the captured wire: a video stream's
 * {@code packetsSent} (and the receiver's {@code packetsReceived}) include the packets on its RTX SSRC
 * (padding probes and retransmissions), and its {@code payloadType}/{@code mimeType} name the inner
 * codec (VP8, 96), while on the wire the media SSRC carries RED ({@code red/90000}) wrapping it; see
 * {@link #rtpmap()} for the negotiated payload types.
 */
public record CallTruth(long connectedAtMs, long mediaStoppedAtMs, long statsAtMs, long closedAtMs,
                        int width, int height, double frameRate,
                        String dtlsCipher, String tlsVersion, String srtpCipher,
                        CandidatePair candidatePair, List<OutboundStream> outbound, List<InboundStream> inbound,
                        Map<Integer, String> rtpmap) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One {@code outbound-rtp} report of the sender (pc1); {@code rtxSsrc} is -1 when the stream has none. */
    public record OutboundStream(String kind, long ssrc, long rtxSsrc, int payloadType, String mimeType,
                                 long packetsSent, long bytesSent, long headerBytesSent, long framesSent,
                                 double framesPerSecond, long retransmittedPacketsSent,
                                 long retransmittedBytesSent) {
    }

    /** One {@code inbound-rtp} report of the receiver (pc2); {@code jitter} in seconds. */
    public record InboundStream(String kind, long ssrc, int payloadType, String mimeType, long packetsReceived,
                                long packetsLost, long bytesReceived, long headerBytesReceived,
                                long framesReceived, long framesDecoded, double jitter) {
    }

    /** The sender's selected ICE candidate pair; round-trip times in seconds. */
    public record CandidatePair(double currentRoundTripTime, double totalRoundTripTime, long requestsSent,
                                long responsesReceived, String localAddress, int localPort,
                                String remoteAddress, int remotePort, String protocol,
                                long bytesSent, long bytesReceived) {
    }

    /** The answer's payload types: PT to {@code a=rtpmap} text plus its {@code a=fmtp} parameters, e.g. {@code rtx/90000 apt=118}. */
    @Override
    public Map<Integer, String> rtpmap() {
        return rtpmap;
    }

    /** The sender's stream of that kind ("video" or "audio"), or null. */
    public OutboundStream outbound(String kind) {
        return outbound.stream().filter(s -> s.kind().equals(kind)).findFirst().orElse(null);
    }

    /** The receiver's stream of that kind ("video" or "audio"), or null. */
    public InboundStream inbound(String kind) {
        return inbound.stream().filter(s -> s.kind().equals(kind)).findFirst().orElse(null);
    }

    /** Writes this truth as indented JSON. */
    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads a truth written by {@link #write(Path)} (the fixtures' {@code *.truth.json}). */
    public static CallTruth read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), CallTruth.class);
    }

    /** Builds the truth from the page's {@code stats} message and the time it logged {@code connected}. */
    static CallTruth fromStats(JsonNode started, JsonNode stats, long connectedAtMs) {
        List<JsonNode> pc1 = list(stats.path("pc1"));
        List<JsonNode> pc2 = list(stats.path("pc2"));
        JsonNode transport = ofType(pc1, "transport").stream().findFirst().orElse(JSON.createObjectNode());
        List<OutboundStream> outbound = new ArrayList<>();
        for (JsonNode r : ofType(pc1, "outbound-rtp")) {
            JsonNode codec = byId(pc1, r.path("codecId").asText());
            outbound.add(new OutboundStream(r.path("kind").asText(), r.path("ssrc").asLong(),
                    r.path("rtxSsrc").asLong(-1), codec.path("payloadType").asInt(-1),
                    codec.path("mimeType").asText(null), r.path("packetsSent").asLong(-1),
                    r.path("bytesSent").asLong(-1), r.path("headerBytesSent").asLong(-1),
                    r.path("framesSent").asLong(-1), r.path("framesPerSecond").asDouble(-1),
                    r.path("retransmittedPacketsSent").asLong(-1), r.path("retransmittedBytesSent").asLong(-1)));
        }
        List<InboundStream> inbound = new ArrayList<>();
        for (JsonNode r : ofType(pc2, "inbound-rtp")) {
            JsonNode codec = byId(pc2, r.path("codecId").asText());
            inbound.add(new InboundStream(r.path("kind").asText(), r.path("ssrc").asLong(),
                    codec.path("payloadType").asInt(-1), codec.path("mimeType").asText(null),
                    r.path("packetsReceived").asLong(-1), r.path("packetsLost").asLong(-1),
                    r.path("bytesReceived").asLong(-1), r.path("headerBytesReceived").asLong(-1),
                    r.path("framesReceived").asLong(-1), r.path("framesDecoded").asLong(-1),
                    r.path("jitter").asDouble(-1)));
        }
        JsonNode pair = byId(pc1, transport.path("selectedCandidatePairId").asText());
        JsonNode local = byId(pc1, pair.path("localCandidateId").asText());
        JsonNode remote = byId(pc1, pair.path("remoteCandidateId").asText());
        CandidatePair candidatePair = new CandidatePair(pair.path("currentRoundTripTime").asDouble(-1),
                pair.path("totalRoundTripTime").asDouble(-1), pair.path("requestsSent").asLong(-1),
                pair.path("responsesReceived").asLong(-1), local.path("address").asText(null),
                local.path("port").asInt(-1), remote.path("address").asText(null), remote.path("port").asInt(-1),
                local.path("protocol").asText(null), pair.path("bytesSent").asLong(-1),
                pair.path("bytesReceived").asLong(-1));
        return new CallTruth(connectedAtMs, stats.path("mediaStoppedAt").asLong(-1), stats.path("t").asLong(-1),
                stats.path("closedAt").asLong(-1), started.path("width").asInt(-1), started.path("height").asInt(-1),
                started.path("frameRate").asDouble(-1), transport.path("dtlsCipher").asText(null),
                transport.path("tlsVersion").asText(null), transport.path("srtpCipher").asText(null),
                candidatePair, List.copyOf(outbound), List.copyOf(inbound), rtpmap(started.path("rtpmap")));
    }

    private static Map<Integer, String> rtpmap(JsonNode map) {
        Map<Integer, String> rtpmap = new TreeMap<>();
        map.fields().forEachRemaining(e -> rtpmap.put(Integer.valueOf(e.getKey()), e.getValue().asText()));
        return rtpmap;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> reports = new ArrayList<>();
        array.forEach(reports::add);
        return reports;
    }

    private static List<JsonNode> ofType(List<JsonNode> reports, String type) {
        return reports.stream().filter(r -> type.equals(r.path("type").asText())).toList();
    }

    private static JsonNode byId(List<JsonNode> reports, String id) {
        return reports.stream().filter(r -> id.equals(r.path("id").asText())).findFirst()
                .orElse(JSON.createObjectNode());
    }
}
