package org.teleopmon.metrics.internal;

import java.time.Duration;
import java.util.function.Supplier;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;

/**
 * How every series slices its window: {@code buckets} buckets of {@code window / buckets} each.
 * The window seen at time t holds the bucket containing t and the {@code buckets - 1} before it.
 */
record WindowShape(Duration window, int buckets, double relativeAccuracy) {

    /** Bins per sketch store: enough for 1e-9..1e9 at 1 %, and a hard bound on memory either way. */
    static final int MAX_BINS = 2048;

    WindowShape {
        if (buckets < 1 || window.toMillis() < buckets) {
            throw new IllegalArgumentException("window " + window + " cannot hold " + buckets + " buckets");
        }
    }

    long bucketMillis() {
        return window.toMillis() / buckets;
    }

    long epochOf(long millis) {
        return Math.floorDiv(millis, bucketMillis());
    }

    /** Start of the oldest bucket still inside the window at {@code millis}. */
    long windowStart(long millis) {
        return (epochOf(millis) - buckets + 1) * bucketMillis();
    }

    Supplier<DDSketch> sketches() {
        return () -> DDSketches.collapsingLowestDense(relativeAccuracy, MAX_BINS);
    }
}
