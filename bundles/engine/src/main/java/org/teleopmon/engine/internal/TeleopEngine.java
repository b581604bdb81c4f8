package org.teleopmon.engine.internal;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.OperatorDirectory;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.SignalListener;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.detector.support.Ticker;

/**
 * The correlation engine as a service: a dynamic whiteboard of {@link Detector}s and
 * {@link TeleopEventListener}s around a {@link Correlator}. Pushed signals are evaluated on the
 * caller's thread; a tick polls every detector for ageing and timeouts.
 */
@Component(service = {TeleopMonitor.class, SignalListener.class}, immediate = true,
        configurationPid = TeleopEngine.PID)
@Designate(ocd = EngineConfig.class)
@Header(name = "Teleop-Environment", value = "ROBOT_TYPE=" + TeleopEngine.PID + "/robot.type")
public class TeleopEngine implements TeleopMonitor, SignalListener {

    static final String PID = "org.teleopmon.engine";
    private static final Logger LOG = LoggerFactory.getLogger(TeleopEngine.class);

    private final Map<Detector, String> detectors = new IdentityHashMap<>();
    private final EventDispatcher dispatcher = new EventDispatcher();
    private final EventAdminBridge eventAdmin = new EventAdminBridge();
    private final DetectorPoller poller = new DetectorPoller();
    private final Correlator correlator;
    private volatile Settings settings;
    /** Polls the detectors and ages the state: every detection.interval while anything claims, else every second. */
    private volatile Ticker ticker;
    private ServiceRegistration<AlertCheck> stallCheck;

    @Activate
    public TeleopEngine(EngineConfig config, BundleContext context) {
        this(Settings.from(config), Clock.systemUTC());
        stallCheck = context.registerService(AlertCheck.class, new CommandStallCheck(correlator), null);
    }

    TeleopEngine(Settings settings, Clock clock) {
        this.settings = settings;
        settings.problems().forEach(p -> LOG.warn("Configuration {}: {}", PID, p));
        this.correlator = new Correlator(settings, clock, dispatcher);
        correlator.onClaim(this::wake);
        dispatcher.add(eventAdmin);
        schedule();
    }

    @Modified
    void modified(EngineConfig config) {
        Settings next = Settings.from(config);
        next.problems().forEach(p -> LOG.warn("Configuration {}: {}", PID, p));
        boolean reschedule = !next.detectionInterval().equals(settings.detectionInterval());
        settings = next;
        correlator.reconfigure(next);
        if (reschedule) {
            schedule();
        }
    }

    @Deactivate
    void deactivate() {
        if (stallCheck != null) {
            try {
                stallCheck.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
        }
        synchronized (this) {
            ticker.close();
        }
        correlator.shutdown();
        poller.close();
        dispatcher.close();
    }

    private synchronized void schedule() {
        if (ticker != null) {
            ticker.close();
        }
        ticker = new Ticker("teleop-engine-tick", settings.detectionInterval(), Ticker.IDLE, this::tick, LOG).start();
    }

    private void wake() {
        ticker.wake();
    }

    /** Whether the tick is at its idle period (nothing claims teleoperation). */
    boolean ticksSlowly() {
        return ticker.idle();
    }

    /** One tick; true while anything ages (the next tick is a detection interval away). */
    private boolean tick() {
        try {
            Map<Detector, String> snapshot;
            synchronized (detectors) {
                snapshot = new IdentityHashMap<>(detectors);
            }
            poller.poll(snapshot, correlator, settings.silenceTimeout());
            correlator.tick();
        } catch (RuntimeException e) {
            LOG.error("Engine tick failed; the next tick retries", e);
        }
        return !correlator.quiet();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDetector(Detector detector, Map<String, Object> properties) {
        String name = DetectorNames.of(detector, properties);
        synchronized (detectors) {
            detectors.put(detector, name);
        }
        correlator.attach(name, DetectorNames.weight(name, properties));
        DetectorNames.problem(detector, properties).ifPresent(problem -> correlator.failed(name, problem));
    }

    void updatedDetector(Detector detector, Map<String, Object> properties) {
        String name;
        synchronized (detectors) {
            name = detectors.get(detector);
        }
        if (name != null) {
            correlator.weight(name, DetectorNames.weight(name, properties));
        }
    }

    void unbindDetector(Detector detector) {
        String name;
        synchronized (detectors) {
            name = detectors.remove(detector);
        }
        if (name != null) {
            correlator.detach(name);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(TeleopEventListener listener) {
        dispatcher.add(listener);
    }

    void unbindListener(TeleopEventListener listener) {
        dispatcher.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.clear(admin);
    }

    /** The site's operator names, applied to every operator any detector reports. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDirectory(OperatorDirectory directory) {
        correlator.directory(directory);
    }

    void unbindDirectory(OperatorDirectory directory) {
        correlator.directory(null);
    }

    @Override
    public void signalChanged(DetectorSignal signal) {
        if (signal == null) {
            return;
        }
        try {
            correlator.signal(signal);
        } catch (RuntimeException e) {
            LOG.error("Could not evaluate a signal from '{}'", signal.detector(), e);
        }
    }

    @Override
    public TeleopState getState() {
        return correlator.state();
    }

    @Override
    public MonitorStats getStats() {
        return correlator.stats();
    }

    @Override
    public List<DetectorStatus> getDetectors() {
        return correlator.detectors();
    }

    @Override
    public List<SessionRecord> getSessions() {
        return correlator.sessions();
    }
}
