package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockRateTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    /** Packets every {@code periodNanos} whose timestamps advance by {@code step}, for {@code nanos}. */
    private static ClockRate run(long firstTimestamp, long step, long periodNanos, long nanos) {
        ClockRate clock = new ClockRate();
        long timestamp = firstTimestamp;
        for (long t = 0; t <= nanos; t += periodNanos) {
            clock.sample(T0 + t, timestamp & 0xFFFF_FFFFL);
            timestamp += step;
        }
        return clock;
    }

    @Test
    void videoAt90kHz() {
        assertThat(run(12345, 3000, 33_333_333, 1_000_000_000).rate()).isEqualTo(ClockRate.VIDEO);
    }

    @Test
    void opusAt48kHz() {
        assertThat(run(777, 960, 20_000_000, 1_000_000_000).rate()).isEqualTo(48_000);
    }

    @Test
    void narrowbandAt8kHz() {
        assertThat(run(0, 160, 20_000_000, 1_000_000_000).rate()).isEqualTo(8_000);
    }

    @Test
    void wrapsAroundThe32BitTimestamp() {
        long nearWrap = 0xFFFF_FFFFL - 30_000;
        ClockRate clock = run(nearWrap, 3000, 33_333_333, 1_000_000_000);
        assertThat(clock.rate()).isEqualTo(ClockRate.VIDEO);
        assertThat(clock.firstTimestamp()).isEqualTo(nearWrap);
        // 31 steps of 3000 after the first: the unwrapped value runs on past 2^32.
        assertThat(clock.unwrap((nearWrap + 3000 * 30) & 0xFFFF_FFFFL)).isEqualTo(3000 * 30);
    }

    @Test
    void nothingBefore400Milliseconds() {
        assertThat(run(0, 3000, 33_333_333, 366_666_663).rate()).isZero();
        assertThat(run(0, 3000, 33_333_333, 433_333_329).rate()).isEqualTo(ClockRate.VIDEO);
        assertThat(new ClockRate().rate()).isZero();
    }

    @Test
    void aNonStandardRateOrAFrozenTimestampIsUnknown() {
        assertThat(run(0, 2000, 33_333_333, 1_000_000_000).rate()).as("60 kHz").isZero();
        assertThat(run(5, 0, 33_333_333, 1_000_000_000).rate()).isZero();
    }

    @Test
    void olderTimestampsDoNotMoveTheClockBack() {
        ClockRate clock = run(0, 3000, 33_333_333, 1_000_000_000);
        clock.sample(T0 + 1_010_000_000L, 0);
        assertThat(clock.rate()).isEqualTo(ClockRate.VIDEO);
        assertThat(clock.unwrap(3000)).isEqualTo(3000);
    }
}
