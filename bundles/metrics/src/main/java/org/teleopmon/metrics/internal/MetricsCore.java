package org.teleopmon.metrics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.Silence;
import org.teleopmon.api.TeleopState;

/**
 * Metrics and alerts without OSGi: series, the state feed, one evaluation round per
 * {@link #evaluate()}, history and silences. Alerts go to {@code publisher} with the state they
 * were raised in. The clock is injected so that tests can script time.
 */
final class MetricsCore implements MetricsCollector, AlertService, SeriesCounts {

    private final Clock clock;
    private final SeriesRegistry registry;
    private final StateRecorder stateRecorder;
    private final List<ThresholdRule> rules;
    private final SeriesVerdicts seriesVerdicts;
    private final CheckVerdicts checkVerdicts;
    private final AlertEvaluator evaluator;
    private final AlertLog log;
    private final long expiryMillis;
    private final BiConsumer<Alert, TeleopState> publisher;
    final List<AlertCheck> checks = new CopyOnWriteArrayList<>();
    private final List<Silence> silences = new CopyOnWriteArrayList<>();
    private volatile TeleopState state;

    MetricsCore(MetricsConfig config, Clock clock, BiConsumer<Alert, TeleopState> publisher) {
        this.clock = clock;
        this.publisher = publisher;
        WindowShape shape = new WindowShape(Duration.ofSeconds(config.metrics_window()), config.window_buckets(),
                config.percentile_accuracy() / 100);
        this.registry = new SeriesRegistry(shape, new SeriesRegistry.Limits(config.max_series(),
                config.max_series_per_name(), config.max_tags()));
        this.stateRecorder = new StateRecorder(registry);
        this.rules = RuleSet.from(config);
        this.seriesVerdicts = new SeriesVerdicts(rules, Set.of(config.signal_watch()),
                RuleSet.seconds(config.signal_timeout()), config.signal_severity());
        this.checkVerdicts = new CheckVerdicts(RuleSet.seconds(config.check_for()).toMillis());
        this.evaluator = new AlertEvaluator(Duration.ofSeconds(config.alert_cooldown()).toMillis());
        this.log = new AlertLog(config.history_size());
        this.expiryMillis = shape.window().toMillis() * config.series_expiry_windows();
        this.state = TeleopState.idle("", clock.instant());
    }

    @Override
    public void recordMetric(String name, double value, Map<String, String> tags) {
        registry.record(name, value, tags, clock.millis());
    }

    @Override
    public List<MetricSummary> getSummary() {
        return registry.summaries(clock.millis());
    }

    @Override
    public Optional<MetricSummary> getSummary(String name, Map<String, String> tags) {
        Series series = registry.find(name, tags);
        return series == null ? Optional.empty() : Optional.of(series.summary(clock.millis()));
    }

    @Override
    public void addAlertCheck(AlertCheck check) {
        checks.add(check);
    }

    @Override
    public void removeAlertCheck(AlertCheck check) {
        checks.remove(check);
        checkVerdicts.forget(check);
    }

    /** The latest fused state: its measurements become samples, its session gates the rules. */
    void onState(TeleopState newState) {
        state = newState;
        stateRecorder.accept(newState, clock.millis());
    }

    TeleopState state() {
        return state;
    }

    /** One round: every rule and check, transitions logged and published. Single-threaded. */
    List<Alert> evaluate() {
        Instant now = clock.instant();
        TeleopState current = state;
        silences.removeIf(s -> !now.isBefore(s.until()));
        registry.expire(now.toEpochMilli() - expiryMillis);
        List<Verdict> verdicts = new ArrayList<>();
        Set<String> held = new HashSet<>();
        seriesVerdicts.collect(registry, current, now, verdicts);
        checkVerdicts.collect(checks, this, current, verdicts, held);
        List<Alert> alerts = evaluator.round(verdicts, held, now,
                v -> silences.stream().anyMatch(s -> s.covers(v.rule(), v.subject(), now)));
        for (Alert alert : alerts) {
            log.add(alert);
            publisher.accept(alert, current);
        }
        return alerts;
    }

    Map<String, String> failingChecks() {
        return checkVerdicts.failures();
    }

    @Override
    public List<Alert> active() {
        return log.active();
    }

    @Override
    public List<Alert> history(int limit) {
        return log.history(limit);
    }

    @Override
    public Silence silence(String rule, String subject, Duration duration) {
        if (rule == null || rule.isBlank() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a silence needs a rule and a positive duration");
        }
        Silence silence = new Silence(rule, subject, clock.instant().plus(duration));
        silences.add(silence);
        return silence;
    }

    @Override
    public List<Silence> unsilence(String rule, String subject) {
        String scope = subject == null ? "" : subject;
        List<Silence> lifted = silences.stream().filter(s -> s.rule().equals(rule) && s.subject().equals(scope))
                .toList();
        silences.removeAll(lifted);
        return lifted;
    }

    @Override
    public List<Silence> silences() {
        Instant now = clock.instant();
        return silences.stream().filter(s -> now.isBefore(s.until())).toList();
    }

    @Override
    public Set<String> rules() {
        Set<String> names = new TreeSet<>();
        rules.forEach(r -> names.add(r.name()));
        names.add(RuleSet.SIGNAL_LOST);
        for (AlertCheck check : checks) {
            try {
                Optional.ofNullable(check.name()).ifPresent(names::add);
            } catch (RuntimeException e) {
                // A check that cannot name itself is reported by its evaluation.
            }
        }
        return names;
    }

    @Override
    public int seriesCount() {
        return registry.size();
    }

    @Override
    public long refusedSamples() {
        return registry.refused();
    }
}
