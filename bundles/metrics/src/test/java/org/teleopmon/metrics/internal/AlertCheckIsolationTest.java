package org.teleopmon.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.EventType;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopState;

class AlertCheckIsolationTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<Alert> published = new ArrayList<>();
    private final MetricsCore core = new MetricsCore(TestConfig.defaults(), clock, (a, s) -> published.add(a));

    private static final class Overheat implements AlertCheck {
        volatile boolean hot;

        @Override
        public String name() {
            return "gripper_overheat";
        }

        @Override
        public Result check(MetricsCollector metrics, TeleopState state) {
            return hot ? Result.firing(Severity.CRITICAL, 71.5, "gripper at 71.5 C") : Result.ok();
        }
    }

    private static final class Flaky implements AlertCheck {
        volatile boolean broken = true;

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Result check(MetricsCollector metrics, TeleopState state) {
            if (broken) {
                throw new IllegalStateException("sensor unplugged");
            }
            return Result.firing(Severity.WARNING, 1, "flaky fires");
        }
    }

    private void tick() {
        clock.advanceMillis(500);
        core.evaluate();
    }

    @Test
    void aThrowingCheckIsIsolatedReportedAndRecovers() {
        Overheat overheat = new Overheat();
        Flaky flaky = new Flaky();
        core.addAlertCheck(flaky);
        core.addAlertCheck(overheat);
        overheat.hot = true;
        tick();
        tick();

        assertThat(published).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("gripper_overheat");
            assertThat(a.eventType()).isEqualTo(EventType.ALERT_WARNING);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.value()).isEqualTo(71.5);
        });
        assertThat(core.failingChecks()).containsOnlyKeys("flaky");
        assertThat(core.failingChecks().get("flaky")).contains("sensor unplugged");

        flaky.broken = false;
        tick();
        assertThat(core.failingChecks()).isEmpty();
        assertThat(published).extracting(Alert::rule).containsExactly("gripper_overheat", "flaky");
        assertThat(core.rules()).contains("flaky", "gripper_overheat", "low_command_rate", "signal_lost");
    }

    @Test
    void aFiringCheckThatStartsThrowingKeepsItsAlertUntilItAnswersAgain() {
        Flaky flaky = new Flaky();
        flaky.broken = false;
        core.addAlertCheck(flaky);
        tick();
        flaky.broken = true;
        tick();
        tick();
        assertThat(core.active()).extracting(Alert::rule).containsExactly("flaky");
    }

    @Test
    void aRemovedCheckResolvesItsAlert() {
        Overheat overheat = new Overheat();
        overheat.hot = true;
        core.addAlertCheck(overheat);
        tick();
        core.removeAlertCheck(overheat);
        tick();
        assertThat(published).extracting(Alert::eventType)
                .containsExactly(EventType.ALERT_WARNING, EventType.ALERT_RESOLVED);
    }
}
