package org.teleopmon.api.usage;

/**
 * One state metric over a session, from readings sampled at a steady rate while it ran (so the mean is
 * a mean over time). Every figure is {@code NaN} when no reading was seen.
 *
 * @param mean    the mean reading
 * @param min     the smallest reading
 * @param max     the largest reading
 * @param p95     the 95th percentile of the readings (within 1 %)
 * @param samples how many readings went into it
 */
public record Quality(double mean, double min, double max, double p95, long samples) {
}
