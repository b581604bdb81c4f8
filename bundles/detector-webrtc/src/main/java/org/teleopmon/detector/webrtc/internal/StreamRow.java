package org.teleopmon.detector.webrtc.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one media stream, for the shell and {@code GET /detectors}.
 *
 * @param direction out (the robot sends) or in
 * @param lossPercent loss since the stream began (sequence gaps less late arrivals)
 */
public record StreamRow(String call, long ssrc, String kind, String direction, int payloadType, int clockRate,
        long packets, long bytes, long frames, double fps, double kbps, long lost, double lossPercent,
        double jitterMs, long reordered, long duplicates, long otherPayloadTypePackets) {

    /** The row as {@code /detectors} writes it (through the wire schema: NaN is null). */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("call", call);
        map.put("ssrc", ssrc);
        map.put("kind", kind);
        map.put("direction", direction);
        map.put("payload_type", payloadType);
        map.put("clock_rate", clockRate);
        map.put("packets", packets);
        map.put("bytes", bytes);
        map.put("frames", frames);
        map.put("fps", fps);
        map.put("kbps", kbps);
        map.put("lost", lost);
        map.put("loss_percent", lossPercent);
        map.put("jitter_ms", jitterMs);
        map.put("reordered", reordered);
        map.put("duplicates", duplicates);
        map.put("other_payload_type_packets", otherPayloadTypePackets);
        return map;
    }

    static StreamRow of(Call c, MediaStream s, long now) {
        boolean out = c.main != null && s.direction == c.outbound();
        return new StreamRow(c.id, s.ssrc, s.kind().label(), out ? "out" : "in", s.payloadType(), s.clockRate(),
                s.packets, s.bytes, s.frames, s.fps(now), s.bitsPerSecond(now) / 1000, Math.max(0, s.sequence.lost),
                s.lossPercent(), s.jitterMillis(), s.sequence.reordered, s.sequence.duplicates,
                s.otherPayloadTypePackets());
    }
}
