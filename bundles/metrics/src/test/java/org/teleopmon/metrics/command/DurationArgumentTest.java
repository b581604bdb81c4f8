package org.teleopmon.metrics.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.MetricSummary;

class DurationArgumentTest {

    @Test
    void shortAndIsoFormsParse() {
        assertThat(DurationArgument.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationArgument.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationArgument.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationArgument.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationArgument.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void garbageIsAClearError() {
        for (String bad : List.of("", "10", "ten minutes", "10m junk", "m10")) {
            assertThatThrownBy(() -> DurationArgument.parse(bad)).hasMessageContaining("not a duration");
        }
    }

    @Test
    void summariesBecomeJsonWithNullForNaNAndEscapedStrings() {
        MetricSummary empty = new MetricSummary("fps", Map.of("stream", "fr\"ont"), Duration.ofSeconds(60), 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        assertThat(Json.summaries(List.of(empty))).isEqualTo("[{\"name\":\"fps\",\"tags\":{\"stream\":\"fr\\\"ont\"},"
                + "\"window_seconds\":60,\"count\":0,\"min\":null,\"max\":null,\"mean\":null,\"p50\":null,"
                + "\"p95\":null,\"p99\":null,\"last\":null,\"rate\":0.0}]");
    }
}
