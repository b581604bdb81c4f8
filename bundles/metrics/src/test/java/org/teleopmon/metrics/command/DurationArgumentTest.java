package org.teleopmon.metrics.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

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
}
