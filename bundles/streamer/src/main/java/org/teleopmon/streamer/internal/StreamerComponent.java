package org.teleopmon.streamer.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.Detector;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.usage.UsageLedger;

/**
 * The streamer as a DS component: every source is optional and dynamic, so the engine, metrics and
 * detectors can come and go; stopping this bundle closes the port and nothing else notices.
 */
@Component(service = {TeleopEventListener.class, HealthReporter.class}, immediate = true,
        configurationPid = StreamerComponent.PID)
@Designate(ocd = StreamerConfig.class)
@Header(name = "Teleop-Environment", value = "WEBSOCKET_PORT=" + StreamerComponent.PID + "/port")
public class StreamerComponent implements TeleopEventListener, HealthReporter, Sources {

    static final String PID = "org.teleopmon.streamer";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TeleopMonitor monitor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MetricsCollector metrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AlertService alerts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RobotIdentity robot;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile UsageLedger ledger;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<Detector> detectors = new CopyOnWriteArrayList<>();

    /** Every reporter but this one: the streamer's own health is already in the view. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(!(component.name=" + "org.teleopmon.streamer.internal.StreamerComponent))")
    final List<HealthReporter> reporters = new CopyOnWriteArrayList<>();

    private final Streamer streamer;

    @Activate
    public StreamerComponent(StreamerConfig config, BundleContext context, Map<String, Object> properties) {
        SecretFile.protect(properties.get(SecretFile.FILEINSTALL_FILENAME), config.auth_token());
        streamer = new Streamer(this, Settings.from(config), context.getBundle().getVersion().toString());
        streamer.start();
    }

    @Modified
    void modified(StreamerConfig config, Map<String, Object> properties) {
        SecretFile.protect(properties.get(SecretFile.FILEINSTALL_FILENAME), config.auth_token());
        streamer.reconfigure(Settings.from(config));
    }

    @Deactivate
    void deactivate() {
        streamer.close();
    }

    @Override
    public void onEvent(TeleopEvent event) {
        streamer.onEvent(event);
    }

    @Override
    public String component() {
        return "streamer";
    }

    @Override
    public Health health() {
        return streamer.health();
    }

    @Override
    public Optional<TeleopMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    @Override
    public Optional<MetricsCollector> metrics() {
        return Optional.ofNullable(metrics);
    }

    @Override
    public Optional<AlertService> alerts() {
        return Optional.ofNullable(alerts);
    }

    @Override
    public Optional<RobotIdentity> robot() {
        return Optional.ofNullable(robot);
    }

    @Override
    public Optional<UsageLedger> ledger() {
        return Optional.ofNullable(ledger);
    }

    @Override
    public List<Detector> detectors() {
        return detectors;
    }

    @Override
    public List<HealthReporter> reporters() {
        return reporters;
    }
}
