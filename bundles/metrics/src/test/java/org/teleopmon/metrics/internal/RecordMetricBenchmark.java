package org.teleopmon.metrics.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.teleopmon.api.MetricSummary;

/**
 * Cost of {@code recordMetric} on the real collector and clock. Run (see docs/metrics.md) with
 * {@code -prof gc} for the allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordMetricBenchmark {

    private static final Map<String, String> TAGS = Map.of("stream", "front", "robot", "lekiwi");

    private MetricsCore core;
    private double value;

    @Setup
    public void setUp() {
        core = new MetricsCore(TestConfig.defaults(), Clock.systemUTC(), (a, s) -> { });
        for (int i = 0; i < 100; i++) {
            core.recordMetric("other_" + i, i);
        }
    }

    @Benchmark
    public void recordUntagged() {
        value = value > 1000 ? 0 : value + 1.7;
        core.recordMetric("latency_ms", value);
    }

    @Benchmark
    public void recordTagged() {
        value = value > 1000 ? 0 : value + 1.7;
        core.recordMetric("fps", value, TAGS);
    }

    @Benchmark
    @Threads(2)
    public void recordSameSeriesFromTwoThreads() {
        core.recordMetric("latency_ms", 42.5);
    }

    @Benchmark
    public List<MetricSummary> summaryOf101Series() {
        return core.getSummary();
    }
}
