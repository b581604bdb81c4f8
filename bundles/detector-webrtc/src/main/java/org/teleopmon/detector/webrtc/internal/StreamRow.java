package org.teleopmon.detector.webrtc.internal;

/**
 * A snapshot of one media stream, for the shell.
 *
 * @param direction out (the robot sends) or in
 * @param lossPercent loss since the stream began (sequence gaps less late arrivals)
 */
public record StreamRow(String call, long ssrc, String kind, String direction, int payloadType, int clockRate,
        long packets, long bytes, long frames, double fps, double kbps, long lost, double lossPercent,
        double jitterMs, long reordered, long duplicates, long otherPayloadTypePackets) {

    static StreamRow of(Call c, MediaStream s, long now) {
        boolean out = c.main != null && s.direction == c.outbound();
        return new StreamRow(c.id, s.ssrc, s.kind().label(), out ? "out" : "in", s.payloadType(), s.clockRate(),
                s.packets, s.bytes, s.frames, s.fps(now), s.bitsPerSecond(now) / 1000, Math.max(0, s.sequence.lost),
                s.lossPercent(), s.jitterMillis(), s.sequence.reordered, s.sequence.duplicates,
                s.otherPayloadTypePackets());
    }
}
