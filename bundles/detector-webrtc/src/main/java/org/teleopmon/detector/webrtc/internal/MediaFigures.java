package org.teleopmon.detector.webrtc.internal;

import java.util.List;

/**
 * The media figures of the active calls, over streams that are flowing now: worst loss, lowest and
 * highest video frame rate, worst jitter, and retransmissions as a share of video packets (on the
 * sending robot, retransmissions are the visible trace of the loss its receiver reports in SRTCP);
 * and when the latest video frame of any video stream arrived, flowing or paused (0 without video).
 */
record MediaFigures(double lossPercent, double fpsMin, double fpsMax, double jitterMillis,
        double retransmittedPercent, int video, int audio, int rtx, long lastVideoFrameNanos) {

    static MediaFigures of(List<Call> calls, long now, long mediaNanos) {
        double loss = Double.NaN;
        double fpsMin = Double.NaN;
        double fpsMax = Double.NaN;
        double jitter = Double.NaN;
        long videoPackets = 0;
        long retransmitted = 0;
        int video = 0;
        int audio = 0;
        int rtx = 0;
        long lastVideoFrame = 0;
        for (Call call : calls) {
            for (MediaStream stream : call.streams()) {
                if (stream.kind() == StreamKind.VIDEO) {
                    lastVideoFrame = Math.max(lastVideoFrame, stream.lastFrameNanos);
                }
                if (now - stream.lastNanos > mediaNanos) {
                    continue;
                }
                StreamKind kind = stream.kind();
                if (kind == StreamKind.RTX) {
                    rtx++;
                    retransmitted += stream.packets - stream.paddingPackets;
                    continue;
                }
                if (kind != StreamKind.VIDEO && kind != StreamKind.AUDIO) {
                    continue;
                }
                loss = max(loss, stream.recentLossPercent(now));
                jitter = max(jitter, stream.jitterMillis());
                if (kind == StreamKind.VIDEO) {
                    video++;
                    videoPackets += stream.packets;
                    double fps = stream.fps(now);
                    fpsMin = Double.isNaN(fpsMin) ? fps : Math.min(fpsMin, fps);
                    fpsMax = max(fpsMax, fps);
                } else {
                    audio++;
                }
            }
        }
        double retransmittedPercent = videoPackets == 0 ? Double.NaN : 100.0 * retransmitted / videoPackets;
        return new MediaFigures(loss, fpsMin, fpsMax, jitter, retransmittedPercent, video, audio, rtx,
                lastVideoFrame);
    }

    private static double max(double current, double value) {
        if (Double.isNaN(value)) {
            return current;
        }
        return Double.isNaN(current) ? value : Math.max(current, value);
    }
}
