package org.teleopmon.metrics.command;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, or ISO-8601 such as {@code PT10M}. */
final class DurationArgument {

    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    private DurationArgument() {
    }

    static Duration parse(String text) {
        String value = text.trim().toLowerCase();
        if (value.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase());
        }
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 90s, 10m, 1h30m or PT10M)");
        }
        return total;
    }
}
