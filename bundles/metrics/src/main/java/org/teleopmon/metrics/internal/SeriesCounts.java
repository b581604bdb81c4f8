package org.teleopmon.metrics.internal;

/** The collector's own counters, for {@code teleop:metrics}. */
public interface SeriesCounts {

    int seriesCount();

    long refusedSamples();
}
