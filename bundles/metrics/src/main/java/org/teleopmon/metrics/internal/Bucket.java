package org.teleopmon.metrics.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;

/** One time slice of a series: exact count, sum, min and max, and a quantile sketch of bounded size. */
final class Bucket {

    long epoch = Long.MIN_VALUE;
    long count;
    double sum;
    double min;
    double max;
    final DDSketch sketch;

    Bucket(DDSketch sketch) {
        this.sketch = sketch;
    }

    void reset(long newEpoch) {
        epoch = newEpoch;
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        sketch.clear();
    }

    void add(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sketch.accept(value);
    }
}
