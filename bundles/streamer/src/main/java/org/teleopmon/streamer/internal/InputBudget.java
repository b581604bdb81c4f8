package org.teleopmon.streamer.internal;

/**
 * A token bucket for what one client sends: {@code rate} bytes per second on average, bursts up to
 * {@code burst} bytes (at least one largest allowed message). Only the client's own reader thread
 * calls it, so it needs no locking.
 */
final class InputBudget {

    private final int rate;
    private final long burst;
    private double available;
    private long lastNanos = Long.MIN_VALUE;

    InputBudget(int rate, int burst) {
        this.rate = rate;
        this.burst = Math.max(rate, burst);
        this.available = this.burst;
    }

    /** Takes {@code bytes} from the budget; false when the client has sent more than it may. */
    boolean take(long bytes, long nowNanos) {
        if (lastNanos != Long.MIN_VALUE) {
            available = Math.min(burst, available + (nowNanos - lastNanos) * 1e-9 * rate);
        }
        lastNanos = nowNanos;
        if (bytes > available) {
            return false;
        }
        available -= bytes;
        return true;
    }

    int rate() {
        return rate;
    }
}
