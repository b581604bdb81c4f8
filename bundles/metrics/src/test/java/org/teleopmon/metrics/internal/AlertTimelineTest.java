package org.teleopmon.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.Alert;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Silence;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Reading;
import org.teleopmon.api.TeleopState;

/**
 * The built-in rules on scripted timelines: one step is 500 ms of test time, one evaluation, and
 * (while "feeding") one new command-rate reading in the engine's state.
 */
class AlertTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final List<Alert> published = new ArrayList<>();
    private final Map<String, Object> config = new HashMap<>(Map.of("alert_cooldown", 30, "command_rate_for", 2.0,
            "command_rate_threshold", 5.0, "command_rate_clear", 8.0, "signal_timeout", 3.0));
    private MetricsCore core;
    private boolean active = true;
    private Instant sessionStart = T0;

    private MetricsCore core() {
        if (core == null) {
            core = new MetricsCore(TestConfig.with(config), clock, (alert, state) -> published.add(alert));
        }
        return core;
    }

    /** Runs {@code seconds} of timeline with the command rate at {@code hz} (NaN: no reading). */
    private void run(double seconds, double hz) {
        for (int i = 0; i < seconds * 2; i++) {
            clock.advanceMillis(500);
            Map<String, Reading> metrics = Double.isNaN(hz) ? Map.of()
                    : Map.of(Measurements.COMMAND_RATE_HZ, new Reading(hz, "zmq", clock.instant()));
            core().onState(new TeleopState(active, List.of(), active ? 90 : 0, active ? sessionStart : null,
                    Duration.ZERO, "lekiwi", metrics, clock.instant()));
            core().evaluate();
        }
    }

    private List<EventType> events() {
        return published.stream().map(Alert::eventType).toList();
    }

    @Test
    void aLowCommandRateFiresOnceAfterItsForDurationAndResolvesOnRecovery() {
        run(5, 30);
        run(1.5, 3);
        assertThat(published).as("still within 'for'").isEmpty();
        run(1, 3);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING);
        Alert alert = published.get(0);
        assertThat(alert.rule()).isEqualTo("low_command_rate");
        assertThat(alert.value()).isEqualTo(3.0);
        assertThat(alert.threshold()).isEqualTo(5.0);
        assertThat(alert.message()).contains("command_rate_hz is 3.00 Hz, below 5.00 Hz");
        run(20, 3);
        assertThat(published).as("one alert on entry, no repeats").hasSize(1);
        assertThat(core().active()).hasSize(1);

        run(2, 30);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING, EventType.ALERT_RESOLVED);
        assertThat(published.get(1).state()).isEqualTo(Alert.State.RESOLVED);
        assertThat(core().active()).isEmpty();
        assertThat(core().history(10)).extracting(Alert::eventType)
                .containsExactly(EventType.ALERT_RESOLVED, EventType.COMMAND_RATE_WARNING);
    }

    @Test
    void aShortDipShorterThanForIsIgnored() {
        run(2, 30);
        run(1.5, 2);
        run(5, 30);
        assertThat(published).isEmpty();
    }

    @Test
    void insideTheHysteresisBandTheAlertNeitherResolvesNorRefires() {
        run(3, 3);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING);
        run(10, 6.5);
        assertThat(events()).as("above threshold, below clear").containsExactly(EventType.COMMAND_RATE_WARNING);
        run(1, 8);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING, EventType.ALERT_RESOLVED);
    }

    @Test
    void cooldownHoldsBackASecondAlertOfTheSameRuleAndSubject() {
        run(3, 3);
        run(1, 30);
        run(5, 3);
        assertThat(events()).as("re-entered within the 30 s cooldown")
                .containsExactly(EventType.COMMAND_RATE_WARNING, EventType.ALERT_RESOLVED);
        run(25, 3);
        assertThat(events()).as("fires once the cooldown has passed").containsExactly(
                EventType.COMMAND_RATE_WARNING, EventType.ALERT_RESOLVED, EventType.COMMAND_RATE_WARNING);
        Duration between = Duration.between(published.get(0).timestamp(), published.get(2).timestamp());
        assertThat(between).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theCommandRateRuleOnlyAppliesDuringASession() {
        active = false;
        run(10, 0.5);
        assertThat(published).isEmpty();
        active = true;
        run(3, 0.5);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING);
        active = false;
        run(1, Double.NaN);
        assertThat(events()).as("the session ended").containsExactly(EventType.COMMAND_RATE_WARNING,
                EventType.ALERT_RESOLVED);
    }

    @Test
    void aSilencedRuleIsHeldBackThenToldIfStillFiringWhenTheSilenceExpires() {
        core().silence("low_command_rate", "", Duration.ofSeconds(10));
        run(8, 3);
        assertThat(published).isEmpty();
        assertThat(core().silences()).hasSize(1);
        run(3, 3);
        assertThat(core().silences()).isEmpty();
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING);
        run(1, 30);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING, EventType.ALERT_RESOLVED);
    }

    @Test
    void liftingASilenceTellsTheHeldFiringAtTheNextRound() {
        core().silence("low_command_rate", "", Duration.ofMinutes(10));
        run(8, 3);
        assertThat(published).isEmpty();
        assertThat(core().active()).as("held back: not told, so not active").isEmpty();

        assertThat(core().unsilence("low_command_rate", "stream=front")).as("another scope").isEmpty();
        assertThat(core().unsilence("low_command_rate", "")).extracting(Silence::rule)
                .containsExactly("low_command_rate");
        assertThat(core().silences()).isEmpty();
        run(1, 3);
        assertThat(events()).containsExactly(EventType.COMMAND_RATE_WARNING);
        assertThat(core().active()).extracting(Alert::rule).containsExactly("low_command_rate");
        assertThat(core().history(10)).extracting(Alert::rule).containsExactly("low_command_rate");
    }

    @Test
    void anAlertThatFiresAndClearsInsideASilenceIsNeverTold() {
        core().silence("low_command_rate", "", Duration.ofMinutes(1));
        run(3, 3);
        run(2, 30);
        run(70, 30);
        assertThat(published).isEmpty();
    }

    @Test
    void aSilenceScopedToOneSubjectLeavesTheOthers() {
        core().silence("low_fps", "stream=front", Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            clock.advanceMillis(500);
            core().recordMetric("fps", 5, Map.of("stream", "front"));
            core().recordMetric("fps", 5, Map.of("stream", "wrist"));
            core().evaluate();
        }
        assertThat(published).extracting(Alert::subject).containsExactly("stream=wrist");
        assertThat(published.get(0).eventType()).isEqualTo(EventType.FPS_WARNING);
    }

    @Test
    void aWatchedSignalGoingSilentDuringASessionIsAnAlert() {
        run(5, 30);
        run(3, Double.NaN);
        assertThat(published).as("silent for 3 s, not more").isEmpty();
        run(1, Double.NaN);
        assertThat(events()).containsExactly(EventType.SIGNAL_LOST_WARNING);
        assertThat(published.get(0).subject()).isEqualTo("command_rate_hz");
        assertThat(published.get(0).severity()).isEqualTo(org.teleopmon.api.Severity.CRITICAL);
        run(1, 30);
        assertThat(events()).containsExactly(EventType.SIGNAL_LOST_WARNING, EventType.ALERT_RESOLVED);
    }

    @Test
    void aSignalFromAnEarlierSessionIsNotLostInTheNextOne() {
        active = false;
        run(2, 30);
        run(10, Double.NaN);
        active = true;
        sessionStart = clock.instant();
        run(10, Double.NaN);
        assertThat(published).isEmpty();
    }

    @Test
    void theRepeatedReadingOfAStalledDetectorIsNotANewSample() {
        run(2, 30);
        clock.advanceMillis(100);
        Reading stale = new Reading(30, "zmq", clock.instant());
        for (int i = 0; i < 10; i++) {
            clock.advanceMillis(500);
            core().onState(new TeleopState(true, List.of(), 90, T0, Duration.ZERO, "lekiwi",
                    Map.of(Measurements.COMMAND_RATE_HZ, stale), clock.instant()));
            core().evaluate();
        }
        assertThat(core().getSummary(Measurements.COMMAND_RATE_HZ, Map.of()).orElseThrow().count()).isEqualTo(5);
        assertThat(events()).containsExactly(EventType.SIGNAL_LOST_WARNING);
    }

    @Test
    void historyIsBounded() {
        config.put("history_size", 3);
        config.put("alert_cooldown", 0);
        for (int i = 0; i < 5; i++) {
            run(3, 3);
            run(1, 30);
        }
        assertThat(published).hasSize(10);
        assertThat(core().history(100)).hasSize(3);
    }

    @Test
    void resourceRulesWatchTheMonitorsOwnSeriesInMiB() {
        config.put("memory_threshold", 100.0);
        config.put("memory_clear", 90.0);
        config.put("resource_for", 0.0);
        clock.advanceMillis(500);
        core().recordMetric(SelfMonitor.RSS_BYTES, 150 * RuleSet.MIB);
        core().evaluate();
        assertThat(events()).containsExactly(EventType.RESOURCE_WARNING);
        assertThat(published.get(0).message()).contains("150.00 MiB, above 100.00 MiB");
    }
}
