package org.teleopmon.metrics.internal;

/**
 * One evaluation of a rule for one subject. {@code breached} starts (or keeps) it pending or
 * firing; {@code cleared} ends it. Neither holds inside the hysteresis band or without data.
 */
record Condition(boolean breached, boolean cleared, double value) {

    static final Condition CLEAR = new Condition(false, true, Double.NaN);
    static final Condition UNKNOWN = new Condition(false, false, Double.NaN);
}
