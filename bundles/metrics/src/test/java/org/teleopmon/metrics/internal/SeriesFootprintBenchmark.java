package org.teleopmon.metrics.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.openjdk.jol.info.GraphLayout;

/**
 * Deep size of one series after a full window at 10 Hz, 1 kHz and 10 kHz (simulated time),
 * measured with JOL. A main, not a test: {@code benchmarks/run series-footprint}; figures in docs/benchmarks.md.
 */
public final class SeriesFootprintBenchmark {

    private SeriesFootprintBenchmark() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        java.lang.reflect.Field ring = Series.class.getDeclaredField("ring");
        ring.setAccessible(true);
        WindowShape shape = new WindowShape(Duration.ofSeconds(60), 12, 0.01);
        for (int hz : new int[] {10, 1_000, 10_000}) {
            Random random = new Random(hz);
            Series series = new Series("latency_ms", Map.of(), shape, 0);
            long samples = 60L * hz;
            for (long i = 0; i < samples; i++) {
                series.record(Math.exp(random.nextGaussian() + 3), i * 1000 / hz);
            }
            // The window shape is one record shared by every series, and JOL cannot walk records.
            long bytes = GraphLayout.parseInstance(ring.get(series)).totalSize()
                    + org.openjdk.jol.info.ClassLayout.parseClass(Series.class).instanceSize();
            System.out.printf("%6d Hz: %,d samples in the window, series = %,d bytes%n", hz, samples, bytes);
        }
    }
}
