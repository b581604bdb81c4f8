package org.teleopmon.metrics.internal;

import java.util.Map;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.teleopmon.api.MetricSummary;

/**
 * One metric series: a ring of time buckets, so its memory does not depend on the sample rate.
 * Writers take the series' own monitor, which is uncontended in practice (one writer per series).
 */
final class Series {

    private final String name;
    private final Map<String, String> tags;
    private final WindowShape shape;
    private final Bucket[] ring;
    private final long created;
    private volatile long lastMillis = Long.MIN_VALUE;
    private volatile double last = Double.NaN;

    Series(String name, Map<String, String> tags, WindowShape shape, long nowMillis) {
        this.name = name;
        this.tags = tags;
        this.shape = shape;
        this.created = nowMillis;
        this.ring = new Bucket[shape.buckets()];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Bucket(shape.sketches().get());
        }
    }

    String name() {
        return name;
    }

    Map<String, String> tags() {
        return tags;
    }

    /** When the last sample arrived, epoch millis; {@code Long.MIN_VALUE} if never. */
    long lastMillis() {
        return lastMillis;
    }

    /** The last sample, whenever it came; see {@link #lastMillis()}. */
    double last() {
        return last;
    }

    synchronized void record(double value, long nowMillis) {
        long epoch = shape.epochOf(nowMillis);
        Bucket bucket = ring[(int) Math.floorMod(epoch, (long) ring.length)];
        if (bucket.epoch != epoch) {
            bucket.reset(epoch);
        }
        bucket.add(value);
        last = value;
        lastMillis = nowMillis;
    }

    synchronized MetricSummary summary(long nowMillis) {
        long newest = shape.epochOf(nowMillis);
        DDSketch merged = shape.sketches().get();
        long count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Bucket bucket : ring) {
            if (bucket.epoch > newest - ring.length && bucket.epoch <= newest && bucket.count > 0) {
                count += bucket.count;
                sum += bucket.sum;
                min = Math.min(min, bucket.min);
                max = Math.max(max, bucket.max);
                merged.mergeWith(bucket.sketch);
            }
        }
        double seconds = Math.max(1, nowMillis - Math.max(created, shape.windowStart(nowMillis))) / 1000.0;
        if (count == 0) {
            return new MetricSummary(name, tags, shape.window(), 0, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new MetricSummary(name, tags, shape.window(), count, min, max, sum / count,
                quantile(merged, 0.5, min, max), quantile(merged, 0.95, min, max), quantile(merged, 0.99, min, max),
                last, count / seconds);
    }

    /** The sketch's estimate, kept inside the exact range it cannot know. */
    private static double quantile(DDSketch sketch, double q, double min, double max) {
        return Math.max(min, Math.min(max, sketch.getValueAtQuantile(q)));
    }
}
