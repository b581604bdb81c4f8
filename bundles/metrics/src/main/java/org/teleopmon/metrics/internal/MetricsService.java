package org.teleopmon.metrics.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.Silence;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;

/**
 * The metrics service: records samples, follows the engine's state (its {@code state_update}
 * events, and {@link TeleopMonitor#getState()} on every evaluation tick), evaluates the alert
 * rules, publishes each alert as a {@link TeleopEvent} to every {@link TeleopEventListener} and
 * keeps the one alert history ({@link AlertService}). A configuration change restarts it with empty
 * windows and an empty history.
 */
@Component(service = {MetricsCollector.class, AlertService.class, TeleopEventListener.class, HealthReporter.class,
    SeriesCounts.class}, immediate = true, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
public class MetricsService implements MetricsCollector, AlertService, TeleopEventListener, HealthReporter,
        SeriesCounts {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TeleopMonitor monitor;

    /** Everyone but this component: it does not listen to its own alerts. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(component.name=org.teleopmon.metrics.internal.MetricsService))")
    final List<TeleopEventListener> eventListeners = new CopyOnWriteArrayList<>();

    private final MetricsCore core;
    private final AlertDispatcher dispatcher;
    private final SelfMonitor self;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "teleop-metrics"));

    @Activate
    public MetricsService(MetricsConfig config) {
        this.dispatcher = new AlertDispatcher(eventListeners);
        this.core = new MetricsCore(config, Clock.systemUTC(), dispatcher::publish);
        this.self = new SelfMonitor();
        long evaluation = Math.round(config.evaluation_interval() * 1e9);
        ticker.scheduleWithFixedDelay(this::tick, evaluation, evaluation, TimeUnit.NANOSECONDS);
        ticker.scheduleWithFixedDelay(this::sampleSelf, 0, config.self_interval(), TimeUnit.SECONDS);
        LOG.info("Metrics started: window {} s, cooldown {} s", config.metrics_window(), config.alert_cooldown());
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
        dispatcher.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAlertCheck(AlertCheck check) {
        core.addAlertCheck(check);
    }

    void unbindAlertCheck(AlertCheck check) {
        core.removeAlertCheck(check);
    }

    private void tick() {
        try {
            TeleopMonitor engine = monitor;
            if (engine != null) {
                core.onState(engine.getState());
            }
            core.evaluate();
        } catch (RuntimeException e) {
            LOG.warn("Alert evaluation failed; trying again on the next tick", e);
        }
    }

    private void sampleSelf() {
        try {
            self.sample(core);
            core.recordMetric("metrics_series", core.seriesCount());
            core.recordMetric("metrics_refused_total", core.refusedSamples());
        } catch (RuntimeException e) {
            LOG.warn("Self-monitoring sample failed", e);
        }
    }

    @Override
    public void onEvent(TeleopEvent event) {
        if (event.type() == EventType.STATE_UPDATE && event.state() != null) {
            core.onState(event.state());
        }
    }

    @Override
    public String component() {
        return "metrics";
    }

    @Override
    public Health health() {
        Map<String, String> failing = core.failingChecks();
        if (!failing.isEmpty()) {
            return Health.warn("alert checks failing: " + failing);
        }
        return self.health();
    }

    @Override
    public void recordMetric(String name, double value, Map<String, String> tags) {
        core.recordMetric(name, value, tags);
    }

    @Override
    public List<MetricSummary> getSummary() {
        return core.getSummary();
    }

    @Override
    public Optional<MetricSummary> getSummary(String name, Map<String, String> tags) {
        return core.getSummary(name, tags);
    }

    @Override
    public void addAlertCheck(AlertCheck check) {
        core.addAlertCheck(check);
    }

    @Override
    public void removeAlertCheck(AlertCheck check) {
        core.removeAlertCheck(check);
    }

    @Override
    public List<Alert> active() {
        return core.active();
    }

    @Override
    public List<Alert> history(int limit) {
        return core.history(limit);
    }

    @Override
    public Silence silence(String rule, String subject, Duration duration) {
        Silence silence = core.silence(rule, subject, duration);
        LOG.info("Silenced {}{} until {}", rule, silence.subject().isEmpty() ? "" : " " + silence.subject(),
                silence.until());
        return silence;
    }

    @Override
    public List<Silence> unsilence(String rule, String subject) {
        List<Silence> lifted = core.unsilence(rule, subject);
        if (!lifted.isEmpty()) {
            LOG.info("Lifted the silence of {}{}", rule, subject == null || subject.isEmpty() ? "" : " " + subject);
        }
        return lifted;
    }

    @Override
    public List<Silence> silences() {
        return core.silences();
    }

    @Override
    public Set<String> rules() {
        return core.rules();
    }

    @Override
    public int seriesCount() {
        return core.seriesCount();
    }

    @Override
    public long refusedSamples() {
        return core.refusedSamples();
    }
}
