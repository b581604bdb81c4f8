package org.teleopmon.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.teleopmon.api.MetricSummary;

/** Window statistics against a brute-force reference over the same samples, on random data. */
class SeriesWindowTest {

    private static final double ACCURACY = 0.01;
    private static final WindowShape SHAPE = new WindowShape(Duration.ofSeconds(60), 12, ACCURACY);

    private record Sample(long millis, double value) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void statisticsMatchABruteForceReferenceWhileTheWindowSlides(long seed) {
        Random random = new Random(seed);
        long start = 1_700_000_000_000L + random.nextInt(5000);
        Series series = new Series("latency_ms", Map.of(), SHAPE, start);
        List<Sample> samples = new ArrayList<>();
        long now = start;
        for (int i = 0; i < 20_000; i++) {
            now += random.nextInt(20);
            double value = distribution(random, seed);
            series.record(value, now);
            samples.add(new Sample(now, value));
            if (i % 2_500 == 2_499) {
                assertMatches(series.summary(now), samples, now, start);
            }
        }
        long later = now + 45_000;
        assertMatches(series.summary(later), samples, later, start);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void negativeAndZeroValuesAreSummarisedToo(long seed) {
        Random random = new Random(seed);
        long now = 1_000_000;
        Series series = new Series("temperature", Map.of(), SHAPE, now);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            now += 3;
            double value = random.nextInt(10) == 0 ? 0 : random.nextGaussian() * 40;
            series.record(value, now);
            samples.add(new Sample(now, value));
        }
        assertMatches(series.summary(now), samples, now, 1_000_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {5})
    void anEmptyWindowIsAllNaN(long seed) {
        Series series = new Series("fps", Map.of(), SHAPE, 0);
        series.record(30, 1_000);
        MetricSummary summary = series.summary(1_000 + 61_000);
        assertThat(summary.count()).isZero();
        assertThat(summary.p99()).isNaN();
        assertThat(summary.last()).isNaN();
        assertThat(summary.rate()).isZero();
    }

    private static double distribution(Random random, long seed) {
        return switch ((int) (seed % 3)) {
            case 0 -> 1 + random.nextDouble() * 200;
            case 1 -> Math.exp(random.nextGaussian() * 2 + 3);
            default -> random.nextInt(100) == 0 ? 5_000 + random.nextDouble() * 1e5 : 20 + random.nextGaussian();
        };
    }

    private static void assertMatches(MetricSummary summary, List<Sample> all, long now, long created) {
        long from = SHAPE.windowStart(now);
        double[] values = all.stream().filter(s -> s.millis() >= from && s.millis() <= now)
                .mapToDouble(Sample::value).toArray();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(summary.count()).isEqualTo(values.length);
        if (values.length == 0) {
            return;
        }
        assertThat(summary.min()).isEqualTo(sorted[0]);
        assertThat(summary.max()).isEqualTo(sorted[sorted.length - 1]);
        assertThat(summary.mean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-6));
        assertThat(summary.last()).isEqualTo(all.get(all.size() - 1).value());
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
            double estimate = q == 0.5 ? summary.p50() : q == 0.95 ? summary.p95() : summary.p99();
            assertThat(estimate).as("p%s", q * 100).isCloseTo(exact, within(Math.abs(exact) * ACCURACY + 1e-9));
        }
        double seconds = (now - Math.max(created, from)) / 1000.0;
        assertThat(summary.rate()).isCloseTo(values.length / seconds, within(1e-9));
    }
}
