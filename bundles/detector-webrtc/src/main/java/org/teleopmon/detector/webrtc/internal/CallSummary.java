package org.teleopmon.detector.webrtc.internal;

import java.time.Instant;

/**
 * What is kept of a call once it ended: who, how long, how much, how well.
 *
 * @param lossPercent worst loss over the call's audio and video streams, or NaN
 */
public record CallSummary(String id, String kind, String remote, String local, Instant start, Instant end,
        double durationSeconds, long bytesOut, long bytesIn, String dtls, double rttMillis,
        long videoFrames, double lossPercent) {

    static CallSummary of(Call call, long now) {
        long end = Math.min(now, call.lastNanos);
        long out = 0;
        long in = 0;
        if (call.main != null) {
            out = call.main.bytes[call.outbound()];
            in = call.main.bytes[1 - call.outbound()];
        }
        long frames = 0;
        double loss = Double.NaN;
        for (MediaStream stream : call.streams()) {
            StreamKind kind = stream.kind();
            if (kind == StreamKind.VIDEO) {
                frames += stream.frames;
            }
            if (kind == StreamKind.VIDEO || kind == StreamKind.AUDIO) {
                double streamLoss = stream.lossPercent();
                loss = Double.isNaN(loss) ? streamLoss : Math.max(loss, streamLoss);
            }
        }
        int version = call.dtlsVersion();
        return new CallSummary(call.id, call.kind.name().toLowerCase(java.util.Locale.ROOT), call.remoteEndpoint(),
                call.localEndpoint(), Instant.ofEpochSecond(0, call.startNanos), Instant.ofEpochSecond(0, end),
                (end - call.startNanos) / 1e9, out, in, version == 0 ? "-" : version == 13 ? "1.3" : "1.2",
                call.rttMillis(), frames, loss);
    }
}
