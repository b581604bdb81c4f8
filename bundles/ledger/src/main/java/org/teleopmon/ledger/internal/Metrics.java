package org.teleopmon.ledger.internal;

import java.util.Comparator;

import org.teleopmon.api.Measurements;

/** The order metrics are listed in: the state metrics' display order, then others by name. */
final class Metrics {

    static final Comparator<String> ORDER = Comparator.<String>comparingInt(Metrics::rank)
            .thenComparing(Comparator.naturalOrder());

    private Metrics() {
    }

    private static int rank(String metric) {
        int index = Measurements.STATE_METRICS.indexOf(metric);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
