package org.teleopmon.detector.webrtc.internal;

/**
 * Interarrival jitter, RFC 3550 section 6.4.1 and appendix A.8, in RTP clock units. Like libwebrtc,
 * it is updated only when the timestamp changes, so the packets of one video frame (one timestamp,
 * sent in a burst) do not count as jitter.
 */
final class Jitter {

    private double jitter;
    private double lastTransit = Double.NaN;
    private long lastTimestamp = -1;

    void sample(long arrivalNanos, long unwrappedTimestamp, int clockRate) {
        if (clockRate <= 0 || unwrappedTimestamp == lastTimestamp) {
            return;
        }
        lastTimestamp = unwrappedTimestamp;
        double transit = arrivalNanos / 1e9 * clockRate - unwrappedTimestamp;
        if (!Double.isNaN(lastTransit)) {
            double d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16;
        }
        lastTransit = transit;
    }

    double millis(int clockRate) {
        return clockRate <= 0 ? Double.NaN : jitter * 1000 / clockRate;
    }
}
