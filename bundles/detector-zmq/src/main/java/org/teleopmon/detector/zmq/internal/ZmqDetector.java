package org.teleopmon.detector.zmq.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;
import org.teleopmon.api.SignalListener;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.SocketTable;
import org.teleopmon.detector.support.CaptureHealth;
import org.teleopmon.detector.support.PacketFailures;
import org.teleopmon.detector.support.ProblemLog;
import org.teleopmon.detector.support.SignalFanOut;
import org.teleopmon.detector.support.Ticker;

/**
 * The ZMQ teleoperation detector: a {@link PacketListener} on the command, observation and extra
 * ports that follows every ZMTP connection, and a {@link Detector} that pushes its view to every
 * {@link SignalListener} the moment it changes. Packets arrive on the capture thread; a ticker
 * ages silence and the watchdog out. The kernel's socket table ({@link ZmqSocketFeed}) adds the
 * connections' TCP round trips and retransmissions, and stands in for packets when capture cannot run.
 */
@Component(service = {Detector.class, PacketListener.class, ZmqDetector.class}, immediate = true,
        configurationPid = "org.teleopmon.detector.zmq", property = Detector.WEIGHT_PROPERTY + ":Integer=90")
@Designate(ocd = ZmqDetectorConfig.class)
@Header(name = "Teleop-Environment", value = "ROBOT_TYPE=org.teleopmon.detector.zmq/robot.type")
public class ZmqDetector implements Detector, PacketListener {

    private static final Logger LOG = LoggerFactory.getLogger(ZmqDetector.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SignalListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CaptureService capture;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SocketTable sockets;

    private final ZmqTraffic traffic;
    private final Clock clock;
    private final SignalFanOut signals = new SignalFanOut(listeners, LOG);
    private final ProblemLog malformedLog = new ProblemLog(LOG);
    private final PacketFailures failures = new PacketFailures("ZMQ detector", LOG);
    /** Ages connections and rates out; null in tests that tick by hand. */
    private Ticker ticker;
    private volatile TelemetrySubscriber telemetry;
    private ZmqView.Key lastKey;
    private volatile DetectorSignal current;

    @Activate
    public ZmqDetector(ZmqDetectorConfig config) {
        this(ZmqSettings.from(config), Clock.systemUTC());
        if (config.telemetry_enabled()) {
            telemetry = new TelemetrySubscriber(config.telemetry_endpoint(), ZmqSettings.nanos(config.window()));
        }
        ticker = new Ticker("teleop-zmq-detector", Duration.ofNanos(ZmqSettings.nanos(config.tick())), Ticker.IDLE,
                this::tick, LOG).start();
    }

    ZmqDetector(ZmqSettings settings, Clock clock) {
        this.clock = clock;
        this.traffic = new ZmqTraffic(settings, (c, reason) -> malformedLog.warn(
                "Malformed ZMQ traffic from " + c.clientEndpoint() + " on port " + c.serverPort + ": " + reason));
        this.current = DetectorSignal.idle(ZmqView.NAME, clock.instant());
        this.lastKey = ZmqView.key(traffic, nanos());
    }

    @Deactivate
    void deactivate() {
        if (ticker != null) {
            ticker.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
    }

    @Override
    public String name() {
        return ZmqView.NAME;
    }

    @Override
    public CaptureInterest interest() {
        return CaptureInterest.tcp(traffic.settings.ports());
    }

    @Override
    public void onPacket(Packet packet) {
        DetectorSignal changed = null;
        synchronized (traffic) {
            try {
                if (packet.transport() == Packet.TCP) {
                    if (traffic.packet(packet)) {
                        changed = evaluate(packet.timestampNanos());
                    }
                    if (changed == null && traffic.resumed) {
                        changed = current = ZmqView.signal(traffic, packet.timestampNanos());
                    }
                }
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
        signals.push(changed);
        wake();
    }

    /** What the detector wants of the kernel's socket table: the robot's ends of the watched ports (and the listener). */
    public SocketInterest socketInterest() {
        return new SocketInterest(Set.of(Protocol.TCP), traffic.settings.ports(), Set.of(), false);
    }

    /** A reading of the socket table, on the table's poll thread. */
    public void onSockets(SocketSnapshot snapshot) {
        DetectorSignal changed = null;
        boolean following = false;
        synchronized (traffic) {
            try {
                long now = nanos();
                traffic.capturing(CaptureHealth.capturing(capture), now);
                traffic.kernel.update(snapshot);
                changed = evaluate(now);
                following = !traffic.kernel.isEmpty();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
        signals.push(changed);
        if (following) {
            wake();
        }
    }

    @Override
    public DetectorSignal detect() {
        DetectorSignal.Builder signal;
        long now = nanos();
        synchronized (traffic) {
            signal = ZmqView.builder(traffic, now);
        }
        TelemetrySubscriber subscriber = telemetry;
        if (subscriber != null) {
            signal.measurement("telemetry_rate_hz", subscriber.rateHz(now))
                    .measurement("telemetry_messages_total", subscriber.total());
        }
        return signal.build();
    }

    @Override
    public Health health() {
        Health captureHealth = CaptureHealth.of(capture, "the ZMQ detector");
        if (!CaptureHealth.capturing(capture)) {
            SocketTable table = sockets;
            if (table != null && table.health().status().httpStatus() == 200) {
                return Health.warn((captureHealth.isOk() ? "capture: not capturing yet" : captureHealth.message())
                        + "; detecting from the kernel socket table instead (lower confidence: no message is "
                        + "decoded, the command rate is estimated from TCP data segments)");
            }
            return captureHealth.isOk() ? Health.warn("capture: not capturing yet") : captureHealth;
        }
        if (!captureHealth.isOk()) {
            return captureHealth;
        }
        TelemetrySubscriber subscriber = telemetry;
        if (subscriber != null && !subscriber.problem().isEmpty()) {
            return Health.warn(subscriber.problem());
        }
        return failures.health();
    }

    /** The connections being followed now, one map each (the shell's {@code teleop:zmq} table). */
    @Override
    public List<Map<String, Object>> details() {
        return connections().stream().map(ConnectionRow::toMap).toList();
    }

    /** The connections being followed now, for the shell. */
    public List<ConnectionRow> connections() {
        long now = nanos();
        synchronized (traffic) {
            return traffic.table.all().stream().map(c -> ConnectionRow.of(c, traffic.settings, now)).toList();
        }
    }

    /** Runs {@code action} with the traffic under the detector's lock. */
    void inspect(Consumer<ZmqTraffic> action) {
        synchronized (traffic) {
            action.accept(traffic);
        }
    }

    long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Ages the view; true while it claims teleoperation or holds connections (the next tick is soon). */
    boolean tick() {
        DetectorSignal changed;
        boolean busy;
        boolean capturing = CaptureHealth.capturing(capture);
        synchronized (traffic) {
            long now = nanos();
            traffic.capturing(capturing, now);
            traffic.expire(now, 30 * traffic.settings.silenceNanos());
            traffic.rateBand(now);
            changed = evaluate(now);
            busy = Ticker.claims(current) || !traffic.table.all().isEmpty() || !traffic.kernel.isEmpty();
        }
        signals.push(changed);
        return busy;
    }

    private void wake() {
        Ticker t = ticker;
        if (t != null) {
            t.wake();
        }
    }

    /** The new signal when the view's key changed, else null. Caller holds the lock. */
    private DetectorSignal evaluate(long now) {
        ZmqView.Key key = ZmqView.key(traffic, now);
        if (key.equals(lastKey)) {
            return null;
        }
        lastKey = key;
        current = ZmqView.signal(traffic, now);
        return current;
    }

    /** Packets whose handling threw inside the detector. */
    long errors() {
        return failures.count();
    }

    /** The signal last pushed. */
    DetectorSignal lastPushed() {
        return current;
    }
}
