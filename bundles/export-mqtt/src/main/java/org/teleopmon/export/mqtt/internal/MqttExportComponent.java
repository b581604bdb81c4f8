package org.teleopmon.export.mqtt.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;

/**
 * The MQTT export as a sink: hears every event, reads the state through the monitor, and reports its
 * health. A new configuration (or robot identity) replaces the running export; the disk queue and
 * the sequence carry over through the queue directory.
 */
@Component(service = {TeleopEventListener.class, HealthReporter.class}, immediate = true,
        configurationPid = MqttExportComponent.PID)
@Designate(ocd = MqttExportConfig.class)
public class MqttExportComponent implements TeleopEventListener, HealthReporter {

    static final String PID = "org.teleopmon.export.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(MqttExportComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TeleopMonitor monitor;

    private final RobotIdentity robot;
    private volatile MqttExport export;
    private volatile Health off = Health.ok();

    @Activate
    public MqttExportComponent(MqttExportConfig config, @Reference RobotIdentity robot) {
        this.robot = robot;
        configure(config);
    }

    @Modified
    synchronized void configure(MqttExportConfig config) {
        stop();
        if (!config.enabled()) {
            off = new Health(Health.Status.OK, "off (enabled = false in etc/" + PID + ".cfg)");
            return;
        }
        try {
            Settings settings = Settings.from(config, Path.of(System.getProperty("karaf.data", "data")));
            export = new MqttExport(settings, robot, this::state).start();
            LOG.info("MQTT export to {} under {}/", settings.brokerUri(), export.topics().base());
        } catch (IllegalArgumentException e) {
            off = Health.critical(PID + ": " + e.getMessage() + "; nothing is exported");
            LOG.warn("{}: {}; nothing is exported until it is fixed", PID, e.getMessage());
        }
    }

    @Deactivate
    synchronized void stop() {
        MqttExport running = export;
        export = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void onEvent(TeleopEvent event) {
        MqttExport running = export;
        if (running != null) {
            running.offer(event);
        }
    }

    @Override
    public String component() {
        return "export-mqtt";
    }

    @Override
    public Health health() {
        MqttExport running = export;
        return running == null ? off : running.health();
    }

    private Optional<org.teleopmon.api.TeleopState> state() {
        TeleopMonitor current = monitor;
        return current == null ? Optional.empty() : Optional.ofNullable(current.getState());
    }
}
