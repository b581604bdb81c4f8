package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final RateWindow window = new RateWindow(1000 * MS, 100 * MS);

    @Test
    void nothingBeforeTheFirstWholeBucket() {
        assertThat(window.rate(T0, RateWindow.PACKETS)).isNaN();
        window.add(T0 + 30 * MS, 1, 100, 0, 0);
        assertThat(window.rate(T0 + 99 * MS, RateWindow.PACKETS)).isNaN();
        assertThat(window.rate(T0 + 100 * MS, RateWindow.PACKETS)).isEqualTo(10.0);
        assertThat(window.rate(T0 + 100 * MS, RateWindow.BYTES)).isEqualTo(1000.0);
        assertThat(window.windowNanos()).isEqualTo(1000 * MS);
    }

    @Test
    void ratesUseWholeBucketsOnly() {
        for (long t = 0; t < 1000; t += 10) {
            window.add(T0 + t * MS, 1, 50, t % 100 == 0 ? 1 : 0, 0);
        }
        assertThat(window.rate(T0 + 1000 * MS, RateWindow.PACKETS)).isEqualTo(100.0);
        assertThat(window.rate(T0 + 1000 * MS, RateWindow.FRAMES)).isEqualTo(10.0);
        // A burst in the current, unfinished bucket does not show yet.
        window.add(T0 + 1010 * MS, 500, 0, 0, 0);
        assertThat(window.rate(T0 + 1050 * MS, RateWindow.PACKETS)).isEqualTo(100.0);
        assertThat(window.sum(T0 + 1100 * MS, RateWindow.PACKETS)).isEqualTo(90 + 500);
    }

    @Test
    void theWindowSlides() {
        for (long t = 0; t < 1000; t += 10) {
            window.add(T0 + t * MS, 1, 0, 0, 0);
        }
        assertThat(window.rate(T0 + 1500 * MS, RateWindow.PACKETS)).isEqualTo(50.0);
        assertThat(window.rate(T0 + 2000 * MS, RateWindow.PACKETS)).isZero();
        assertThat(window.rate(T0 + 60_000 * MS, RateWindow.PACKETS)).isZero();
    }

    @Test
    void aGapInTimeClearsWhatWentBefore() {
        for (long t = 0; t < 1000; t += 10) {
            window.add(T0 + t * MS, 1, 0, 0, 0);
        }
        for (long gap : new long[] {1050, 1100, 1150, 2000, 50_000}) {
            RateWindow w = new RateWindow(1000 * MS, 100 * MS);
            for (long t = 0; t < 1000; t += 10) {
                w.add(T0 + t * MS, 1, 0, 0, 0);
            }
            w.add(T0 + (1000 + gap) * MS, 7, 0, 0, 0);
            long now = T0 + (1000 + gap + 100) * MS;
            long reference = 7 + Math.max(0, (1000 - (1000 + gap + 100 - 1000)) / 10);
            assertThat(w.sum(now, RateWindow.PACKETS)).as("gap %d ms", gap).isEqualTo(reference);
        }
    }

    @Test
    void anOlderTimestampLandsInItsOwnBucketOrIsDropped() {
        window.add(T0 + 500 * MS, 1, 0, 0, 0);
        window.add(T0 + 900 * MS, 1, 0, 0, 0);
        window.add(T0 + 650 * MS, 1, 0, 0, 0);
        assertThat(window.sum(T0 + 1000 * MS, RateWindow.PACKETS)).isEqualTo(3);
        assertThat(window.sum(T0 + 1600 * MS, RateWindow.PACKETS)).as("600 ms bucket is gone").isEqualTo(2);
        // Far older than the window: it must not leak into the buckets now in use.
        window.add(T0 - 60_000 * MS, 1000, 0, 0, 0);
        window.add(T0 + 1000 * MS, 1, 0, 0, 0);
        assertThat(window.sum(T0 + 1100 * MS, RateWindow.PACKETS)).isLessThanOrEqualTo(4);
        window.add(T0 + 1200 * MS, 1, 0, 0, 0);
        assertThat(window.sum(T0 + 2000 * MS, RateWindow.PACKETS)).isEqualTo(2);
    }

    @Test
    void negativeCountsSubtract() {
        window.add(T0, 0, 0, 0, 3);
        window.add(T0 + 10 * MS, 0, 0, 0, -1);
        assertThat(window.sum(T0 + 100 * MS, RateWindow.LOST)).isEqualTo(2);
    }

    @Test
    void agreesWithABruteForceReferenceOverRandomTimes() {
        Random random = new Random(42);
        for (int round = 0; round < 100; round++) {
            long bucket = 100 * MS;
            int buckets = 1 + random.nextInt(30);
            RateWindow w = new RateWindow(buckets * bucket, bucket);
            int events = 1 + random.nextInt(500);
            long[] times = new long[events];
            long[] values = new long[events];
            long t = T0 + random.nextInt(1000) * MS;
            long latest = t;
            for (int i = 0; i < events; i++) {
                t += random.nextInt(10) == 0 ? random.nextInt(5000) * MS : random.nextInt(50) * MS;
                latest = Math.max(latest, t);
                if (i > 0 && random.nextInt(8) == 0) {
                    // Out of order but within the window and not before the first event.
                    long oldest = Math.max(times[0] / bucket, latest / bucket - buckets) * bucket;
                    t = oldest + (long) (random.nextDouble() * (latest - oldest));
                }
                times[i] = t;
                values[i] = 1 + random.nextInt(1000);
                w.add(t, 1, values[i], 0, 0);
                long now = latest + random.nextInt(3000) * MS;
                long index = now / bucket;
                long firstBucket = times[0] / bucket;
                long sum = 0;
                for (int j = 0; j <= i; j++) {
                    long b = times[j] / bucket;
                    if (b >= index - buckets && b < index) {
                        sum += values[j];
                    }
                }
                assertThat(w.sum(now, RateWindow.BYTES)).as("round %d event %d", round, i).isEqualTo(sum);
                long complete = Math.min(buckets, index - firstBucket);
                if (complete > 0) {
                    assertThat(w.rate(now, RateWindow.BYTES)).isCloseTo(sum * 1e9 / (complete * bucket), within(1e-6));
                } else {
                    assertThat(w.rate(now, RateWindow.BYTES)).isNaN();
                }
            }
        }
    }
}
