package org.teleopmon.metrics.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The display form of a tag set, {@code k1=v1,k2=v2} sorted by key: also an alert's subject. */
final class Tags {

    private Tags() {
    }

    static String format(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        return new TreeMap<>(tags).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
