package org.teleopmon.ledger.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;

import org.teleopmon.api.usage.Quality;

/**
 * One metric over the running session: exact mean, min and max, and the p95 from a DDSketch (1 %
 * relative accuracy, bounded memory however long the session). A session picked up again after the
 * ledger restarted starts from the figures stored for it; its p95 then covers the part seen since.
 */
final class QualitySketch {

    private static final double ACCURACY = 0.01;

    private final DDSketch sketch = DDSketches.unboundedDense(ACCURACY);
    private final Quality prior;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long samples;

    QualitySketch() {
        this(null);
    }

    QualitySketch(Quality prior) {
        this.prior = prior == null || prior.samples() == 0 ? null : prior;
    }

    void add(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        sketch.accept(value);
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        samples++;
    }

    Quality quality() {
        if (prior == null) {
            return samples == 0 ? new Quality(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0)
                    : new Quality(sum / samples, min, max, sketch.getValueAtQuantile(0.95), samples);
        }
        if (samples == 0) {
            return prior;
        }
        long total = prior.samples() + samples;
        return new Quality((prior.mean() * prior.samples() + sum) / total, Math.min(prior.min(), min),
                Math.max(prior.max(), max), sketch.getValueAtQuantile(0.95), total);
    }
}
