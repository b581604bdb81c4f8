package org.teleopmon.sample.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;
import org.teleopmon.api.SignalListener;
import org.teleopmon.detector.support.SignalFanOut;

/**
 * Reports teleoperation while a heartbeat file keeps being touched, for teleoperation stacks the
 * built-in detectors cannot see (a script that runs {@code touch /run/teleop/heartbeat} in its
 * control loop). The file's first line, if any, names the operator.
 */
@Component(service = Detector.class, immediate = true, configurationPid = "org.teleopmon.detector.heartbeat",
        property = Detector.WEIGHT_PROPERTY + ":Integer=50")
@Designate(ocd = HeartbeatFileDetector.Config.class)
public class HeartbeatFileDetector implements Detector {

    @ObjectClassDefinition(name = "Teleop Monitor heartbeat file detector",
            description = "Active while a file keeps being touched; its first line names the operator.")
    public @interface Config {

        @AttributeDefinition(description = "File whose modification time is the heartbeat.")
        String path() default "/run/teleop/heartbeat";

        @AttributeDefinition(description = "The heartbeat counts as alive this many seconds after a touch.",
                min = "0.05", max = "600")
        double freshness() default 1.0;

        @AttributeDefinition(description = "How often the file is checked, seconds.", min = "0.01", max = "60")
        double poll_interval() default 0.1;

        @AttributeDefinition(description = "Confidence reported while the heartbeat is alive, 0..100.",
                min = "0", max = "100")
        int confidence() default 80;
    }

    static final String NAME = "heartbeat-file";
    private static final int MAX_NAME = 128;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SignalListener> listeners = new CopyOnWriteArrayList<>();

    /** Pushes to every listener; one that throws costs only its own delivery, not the poller thread. */
    private final SignalFanOut signals = new SignalFanOut(listeners, LoggerFactory.getLogger(HeartbeatFileDetector.class));

    private final Path path;
    private final Duration freshness;
    private final int confidence;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private volatile DetectorSignal current;
    private volatile Health health = Health.ok();

    @Activate
    public HeartbeatFileDetector(Config config) {
        this(config, Clock.systemUTC());
        poller.scheduleWithFixedDelay(this::poll, 0, Math.round(config.poll_interval() * 1e9), TimeUnit.NANOSECONDS);
    }

    HeartbeatFileDetector(Config config, Clock clock) {
        this.path = Path.of(config.path());
        this.freshness = Duration.ofNanos(Math.round(config.freshness() * 1e9));
        this.confidence = config.confidence();
        this.clock = clock;
        this.current = DetectorSignal.idle(NAME, clock.instant());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "teleop-heartbeat-file"));
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The view of the last poll: rebuilt, with a fresh timestamp, every poll interval, as the engine requires. */
    @Override
    public DetectorSignal detect() {
        return current;
    }

    @Override
    public Health health() {
        return health;
    }

    /** Reads the file and pushes a signal when the verdict or the operator changes. */
    void poll() {
        DetectorSignal next = read();
        DetectorSignal previous = current;
        current = next;
        if (next.active() != previous.active() || !next.operators().equals(previous.operators())) {
            signals.push(next);
        }
    }

    /** At most {@value #MAX_NAME} bytes: the file is not ours and may be anything. */
    private String firstLine() throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(MAX_NAME), StandardCharsets.UTF_8);
            int end = head.indexOf('\n');
            return (end < 0 ? head : head.substring(0, end)).trim();
        }
    }

    private DetectorSignal read() {
        Instant now = clock.instant();
        if (!Files.exists(path)) {
            health = Health.ok();
            return DetectorSignal.builder(NAME).timestamp(now).reason("no heartbeat file at " + path).build();
        }
        try {
            Instant touched = Files.getLastModifiedTime(path).toInstant();
            health = Health.ok();
            if (Duration.between(touched, now).compareTo(freshness) > 0) {
                return DetectorSignal.builder(NAME).timestamp(now).reason("heartbeat stale since " + touched).build();
            }
            DetectorSignal.Builder signal = DetectorSignal.builder(NAME).timestamp(now).active(true)
                    .confidence(confidence).reason("heartbeat touched at " + touched);
            String operator = firstLine();
            if (!operator.isEmpty()) {
                signal.operator(new Operator(operator, operator, IdentitySource.OTHER, path.toString()));
            }
            return signal.build();
        } catch (IOException | RuntimeException e) {
            health = Health.critical("cannot read " + path + ": " + e.getMessage());
            return DetectorSignal.builder(NAME).timestamp(now).reason("unreadable heartbeat file").build();
        }
    }
}
