package org.teleopmon.detector.input.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;
import org.teleopmon.api.OperatorDirectory;
import org.teleopmon.api.SignalListener;
import org.teleopmon.detector.support.SignalFanOut;

/**
 * The input-device detector: gamepads, joysticks, Joy-Cons and the teleop keys of keyboards on the
 * robot's own computer, where XLeRobot's official keyboard, Xbox and Joy-Con teleoperation runs and
 * puts nothing on the network. One reader thread reads every device; a second looks, now and then,
 * at which processes hold the devices open. Every key is reloaded live.
 */
@Component(service = {Detector.class, InputDetector.class}, immediate = true,
        configurationPid = "org.teleopmon.detector.input", property = Detector.WEIGHT_PROPERTY + ":Integer=85")
@Designate(ocd = InputDetectorConfig.class)
public class InputDetector implements Detector {

    private static final Logger LOG = LoggerFactory.getLogger(InputDetector.class);
    private static final long CONSUMER_DEBOUNCE_MILLIS = 150;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SignalListener> listeners = new CopyOnWriteArrayList<>();

    private final SignalFanOut signals = new SignalFanOut(listeners, LOG);
    private final InputModel model;
    private final InputReader reader;
    private final Thread readerThread;
    private final ScheduledExecutorService scans;
    private final ConsumerScan consumerScan;
    private ScheduledFuture<?> pendingScan;
    private ScheduledFuture<?> periodicScan;

    @Activate
    public InputDetector(InputDetectorConfig config) {
        this(InputSettings.from(config), Clock.systemUTC(), Path.of("/proc"));
    }

    InputDetector(InputSettings settings, Clock clock, Path proc) {
        report(settings);
        this.model = new InputModel(settings, clock);
        this.consumerScan = new ConsumerScan(proc, ProcessHandle.current().pid());
        this.scans = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "teleop-input-consumers");
            thread.setDaemon(true);
            return thread;
        });
        this.reader = new InputReader(model, signals::push, this::consumersChanged);
        this.readerThread = new Thread(reader, "teleop-input-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        schedulePeriodicScan(settings);
    }

    @Modified
    void modified(InputDetectorConfig config) {
        apply(InputSettings.from(config));
    }

    /** Saved configuration changes apply at once: the reader starts over with the new settings. */
    void apply(InputSettings settings) {
        report(settings);
        model.settings(settings);
        reader.reconfigure();
        schedulePeriodicScan(settings);
    }

    @Deactivate
    void deactivate() {
        reader.stop();
        try {
            readerThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scans.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDirectory(OperatorDirectory directory) {
        model.directory(directory);
    }

    void unbindDirectory(OperatorDirectory directory) {
        model.directory(null);
    }

    @Override
    public String name() {
        return InputModel.NAME;
    }

    @Override
    public DetectorSignal detect() {
        return model.detect(System.nanoTime());
    }

    @Override
    public Health health() {
        return model.health();
    }

    @Override
    public List<Map<String, Object>> details() {
        return devices().stream().map(DeviceRow::toMap).toList();
    }

    /** Every device, for the shell. */
    public List<DeviceRow> devices() {
        return model.rows(System.nanoTime());
    }

    /** Nodes were opened or closed, or devices came and went: look at the processes soon. */
    private void consumersChanged() {
        synchronized (scans) {
            if (pendingScan == null || pendingScan.isDone()) {
                try {
                    pendingScan = scans.schedule(this::scanConsumers, CONSUMER_DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // deactivated
                }
            }
        }
    }

    private void schedulePeriodicScan(InputSettings settings) {
        synchronized (scans) {
            if (periodicScan != null) {
                periodicScan.cancel(false);
            }
            long period = settings.consumerRescanNanos();
            periodicScan = scans.scheduleWithFixedDelay(this::scanConsumers, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Runs on the scan thread. */
    void scanConsumers() {
        try {
            ConsumerScan.Result result = consumerScan.scan(model.watchedNodes());
            DetectorSignal changed;
            synchronized (model) {
                model.consumers(result);
                changed = model.evaluate(System.nanoTime());
            }
            signals.push(changed);
        } catch (RuntimeException e) {
            LOG.warn("Looking for the programs that hold the input devices failed; retried later", e);
        }
    }

    private static void report(InputSettings settings) {
        settings.problems().forEach(p -> LOG.warn("Configuration org.teleopmon.detector.input: {}", p));
    }

    /** The model, for tests. */
    InputModel model() {
        return model;
    }
}
