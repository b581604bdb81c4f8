package org.teleopmon.metrics.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.teleopmon.api.MetricSummary;

/**
 * Every series by name, then by tags. The caller's tag map is the lookup key, so recording into
 * an existing series allocates nothing; a map is copied only when a series is created.
 * Series count, series per name and tags per sample are bounded; refusals are counted.
 */
final class SeriesRegistry {

    static final int MAX_NAME_LENGTH = 128;

    private final ConcurrentHashMap<String, ConcurrentHashMap<Map<String, String>, Series>> byName =
            new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final WindowShape shape;
    private final Limits limits;

    record Limits(int maxSeries, int maxPerName, int maxTags) {
    }

    SeriesRegistry(WindowShape shape, Limits limits) {
        this.shape = shape;
        this.limits = limits;
    }

    WindowShape shape() {
        return shape;
    }

    /** Records a sample; returns false (and counts it) when it is refused. */
    boolean record(String name, double value, Map<String, String> tags, long nowMillis) {
        Map<String, String> key = tags == null ? Map.of() : tags;
        if (name == null || !Double.isFinite(value)) {
            refused.increment();
            return false;
        }
        Map<Map<String, String>, Series> family = byName.get(name);
        Series series = family == null ? null : family.get(key);
        if (series == null) {
            series = create(name, key, nowMillis);
            if (series == null) {
                refused.increment();
                return false;
            }
        }
        series.record(value, nowMillis);
        return true;
    }

    /** Rare, so serialised: creation and expiry never race on a family. */
    private synchronized Series create(String name, Map<String, String> tags, long nowMillis) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || tags.size() > limits.maxTags() || !validTags(tags)) {
            return null;
        }
        ConcurrentHashMap<Map<String, String>, Series> family = byName.get(name);
        if (family != null && family.containsKey(tags)) {
            return family.get(tags);
        }
        if (size.get() >= limits.maxSeries() || family != null && family.size() >= limits.maxPerName()) {
            return null;
        }
        if (family == null) {
            family = new ConcurrentHashMap<>();
            byName.put(name, family);
        }
        Map<String, String> copy = Map.copyOf(tags);
        Series created = new Series(name, copy, shape, nowMillis);
        Series existing = family.putIfAbsent(copy, created);
        if (existing != null) {
            return existing;
        }
        size.incrementAndGet();
        return created;
    }

    private static boolean validTags(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey() == null || tag.getValue() == null || tag.getKey().isEmpty()
                    || tag.getKey().length() > MAX_NAME_LENGTH || tag.getValue().length() > MAX_NAME_LENGTH) {
                return false;
            }
        }
        return true;
    }

    Series find(String name, Map<String, String> tags) {
        Map<Map<String, String>, Series> family = byName.get(name);
        return family == null ? null : family.get(tags == null ? Map.of() : tags);
    }

    /** Every series, sorted by name then tags. */
    List<Series> all() {
        List<Series> result = new ArrayList<>(size.get());
        byName.values().forEach(family -> result.addAll(family.values()));
        result.sort(Comparator.comparing(Series::name).thenComparing(s -> Tags.format(s.tags())));
        return result;
    }

    List<MetricSummary> summaries(long nowMillis) {
        return all().stream().map(s -> s.summary(nowMillis)).toList();
    }

    /** Drops series silent since before {@code cutoffMillis}, freeing their slots. */
    synchronized int expire(long cutoffMillis) {
        int dropped = 0;
        for (ConcurrentHashMap<Map<String, String>, Series> family : byName.values()) {
            for (Map.Entry<Map<String, String>, Series> entry : family.entrySet()) {
                if (entry.getValue().lastMillis() < cutoffMillis && family.remove(entry.getKey(), entry.getValue())) {
                    size.decrementAndGet();
                    dropped++;
                }
            }
        }
        byName.values().removeIf(Map::isEmpty);
        return dropped;
    }

    int size() {
        return size.get();
    }

    long refused() {
        return refused.sum();
    }
}
