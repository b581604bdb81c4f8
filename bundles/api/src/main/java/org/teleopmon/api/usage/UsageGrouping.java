package org.teleopmon.api.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How {@link UsageLedger#usage} groups sessions. */
public enum UsageGrouping {
    /** By operator id: a session with two operators counts, whole, for each of them. */
    OPERATOR,
    /** By the UTC day the session started on ({@code 2026-12-07}). */
    DAY,
    /** By robot id. */
    ROBOT;

    /** {@code operator}, {@code day}, {@code robot}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UsageGrouping> fromWireName(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName().equals(name)).findFirst();
    }
}
