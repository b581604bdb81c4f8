package org.teleopmon.shm.reader;

/**
 * The state's measurements; a value the monitor does not know reads {@code 0.0} and its
 * {@code has*} flag is false (bit i of the region's {@code metrics_present} mask).
 */
public record ShmMetrics(double latencyMs, double bandwidthMbps, double packetLossPercent, double fps,
        double commandRateHz, int presentMask) {

    public static final int LATENCY = 1;
    public static final int BANDWIDTH = 1 << 1;
    public static final int PACKET_LOSS = 1 << 2;
    public static final int FPS = 1 << 3;
    public static final int COMMAND_RATE = 1 << 4;

    public static final ShmMetrics NONE = new ShmMetrics(0, 0, 0, 0, 0, 0);

    public boolean has(int bit) {
        return (presentMask & bit) != 0;
    }
}
