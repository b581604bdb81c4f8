package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class JitterTest {

    private static final int VIDEO = 90_000;
    /**
     * 9 ticks of a 90 kHz clock are exactly 100 us: timestamps and delays are multiples of 9 ticks
     * (frames every 30 ms), so arrival times are whole nanoseconds and the reference sees the same ones.
     */
    private static final long NANOS_PER_9_TICKS = 100_000;

    /** RFC 3550 appendix A.8, as printed: integer transit times in timestamp units. */
    private static final class Reference {
        long transit;
        double jitter;
        boolean started;

        void sample(long arrivalTicks, long timestamp) {
            long t = arrivalTicks - timestamp;
            if (started) {
                long d = Math.abs(t - transit);
                jitter += (1.0 / 16.0) * (d - jitter);
            }
            transit = t;
            started = true;
        }
    }

    @Test
    void aSteadyAlternatingDelayConvergesToIt() {
        Jitter jitter = new Jitter();
        for (int i = 0; i < 400; i++) {
            long timestamp = 2700L * i;
            long arrivalTicks = timestamp + (i % 2 == 0 ? 0 : 900);
            jitter.sample(arrivalTicks / 9 * NANOS_PER_9_TICKS, timestamp, VIDEO);
        }
        // |D| is 900 ticks (10 ms) for every pair: the estimate converges to 10 ms.
        assertThat(jitter.millis(VIDEO)).isCloseTo(10.0, within(0.01));
    }

    @Test
    void matchesTheRfcReferenceOverRandomDelays() {
        Random random = new Random(3550);
        Jitter jitter = new Jitter();
        Reference reference = new Reference();
        long timestamp = 0;
        for (int i = 0; i < 2000; i++) {
            timestamp += 2700;
            long arrivalTicks = timestamp + 9L * random.nextInt(500);
            jitter.sample(arrivalTicks / 9 * NANOS_PER_9_TICKS, timestamp, VIDEO);
            reference.sample(arrivalTicks, timestamp);
            assertThat(jitter.millis(VIDEO)).isCloseTo(reference.jitter * 1000 / VIDEO, within(1e-6));
        }
        assertThat(reference.jitter).isGreaterThan(500);
    }

    @Test
    void theSameTimestampDoesNotUpdate() {
        Jitter jitter = new Jitter();
        jitter.sample(0, 0, VIDEO);
        jitter.sample(33_300_000, 3000, VIDEO);
        double before = jitter.millis(VIDEO);
        // The other packets of frame 3000, arriving late in a burst, are not jitter.
        jitter.sample(80_000_000, 3000, VIDEO);
        jitter.sample(90_000_000, 3000, VIDEO);
        assertThat(jitter.millis(VIDEO)).isEqualTo(before);
    }

    @Test
    void unknownClockRateMeansNoJitter() {
        Jitter jitter = new Jitter();
        jitter.sample(0, 0, 0);
        jitter.sample(1_000_000, 3000, 0);
        assertThat(jitter.millis(0)).isNaN();
        assertThat(jitter.millis(VIDEO)).isZero();
    }
}
