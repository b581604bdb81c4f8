package org.teleopmon.wire.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

/** The wire's units: epoch seconds, seconds, null for an unknown number, lower-case enums. */
public final class Units {

    private Units() {
    }

    /** Epoch seconds with millisecond precision, written plainly as the seed's {@code time.time()}. */
    public static BigDecimal epochSeconds(Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    public static double seconds(Duration duration) {
        return duration == null ? 0.0 : duration.toMillis() / 1000.0;
    }

    static void time(JsonGenerator json, String field, Instant instant) throws IOException {
        if (instant == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, epochSeconds(instant));
        }
    }

    static void seconds(JsonGenerator json, String field, Duration duration) throws IOException {
        json.writeNumberField(field, seconds(duration));
    }

    /** JSON has no NaN or infinity: an unknown number is null. */
    static void number(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
