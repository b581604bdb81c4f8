package org.teleopmon.detector.network.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.SignalListener;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.SocketTable;
import org.teleopmon.detector.support.CaptureClock;
import org.teleopmon.detector.support.CaptureHealth;
import org.teleopmon.detector.support.LocalAddresses;
import org.teleopmon.detector.support.PacketFailures;
import org.teleopmon.detector.support.SignalFanOut;
import org.teleopmon.detector.support.Ticker;

/**
 * The network detector: a {@link PacketListener} on UDP and the VR/web_control TCP ports, a
 * {@link SocketListener} ({@link NetworkSockets}) on the kernel's table for other TCP connections (when the sockets bundle runs; without
 * it the detector works from the capture alone and says so in its health), and a {@link Detector} that pushes
 * its view the moment a flow's class, an operator or an end changes. A ticker classifies the flows.
 */
@Component(service = {Detector.class, PacketListener.class, NetworkDetector.class},
        immediate = true, configurationPid = "org.teleopmon.detector.network",
        property = Detector.WEIGHT_PROPERTY + ":Integer=85")
@Designate(ocd = NetworkDetectorConfig.class)
public class NetworkDetector implements Detector, PacketListener {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkDetector.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SignalListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CaptureService capture;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SocketTable socketTable;

    private final NetworkTraffic traffic;
    private final KernelFlows kernel;
    private final Classifier classifier;
    private final LocalAddresses local = new LocalAddresses();
    private final SignalFanOut signals = new SignalFanOut(listeners, LOG);
    private final PacketFailures failures = new PacketFailures("network detector", LOG);
    private final CaptureClock time = new CaptureClock();
    /** Classifies and ages flows; null in tests that tick by hand. */
    private volatile Ticker ticker;
    private List<NetworkView.Pattern> patterns = List.of();
    private NetworkView.End end;
    private NetworkView.Key lastKey;
    private volatile DetectorSignal current;

    @Activate
    public NetworkDetector(NetworkDetectorConfig config) {
        this(NetworkSettings.from(config));
        startTicking();
    }

    NetworkDetector(NetworkSettings settings) {
        this.traffic = new NetworkTraffic(settings, local);
        this.kernel = new KernelFlows(traffic);
        this.classifier = new Classifier(settings);
        long now = time.now();
        this.current = DetectorSignal.idle(NetworkView.NAME, java.time.Instant.ofEpochSecond(0, now));
        this.lastKey = NetworkView.key(List.of(), List.of(), null);
    }

    /** Starts the ticker that classifies and ages out flows; the component does it on activation. */
    void startTicking() {
        ticker = new Ticker("teleop-network-detector", java.time.Duration.ofNanos(traffic.settings.tickNanos()),
                Ticker.IDLE, this::tick, LOG).start();
    }

    @Deactivate
    void deactivate() {
        Ticker t = ticker;
        if (t != null) {
            t.close();
        }
    }

    @Override
    public String name() {
        return NetworkView.NAME;
    }

    @Override
    public CaptureInterest interest() {
        // Every UDP datagram (control and video links pick any port; the WebRTC detector asks the same), and
        // TCP only on the VR and web_control ports: other TCP connections come from the socket table.
        return new CaptureInterest(traffic.settings.capturedTcpPorts(), Set.of(), true);
    }

    @Override
    public void onPacket(Packet packet) {
        synchronized (traffic) {
            try {
                time.packet(packet.timestampNanos());
                traffic.packet(packet);
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
        Ticker t = ticker;
        if (t != null) {
            t.wake();
        }
    }

    /** A reading of the kernel's socket table (from {@link NetworkSockets}). */
    void onSockets(SocketSnapshot snapshot) {
        synchronized (traffic) {
            try {
                kernel.reading(snapshot, time.now());
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
    }

    @Override
    public DetectorSignal detect() {
        synchronized (traffic) {
            long now = time.now();
            List<Flow> flows = traffic.flows.all();
            return NetworkView.signal(NetworkView.key(flows, patterns, end), flows, patterns, end, now);
        }
    }

    @Override
    public Health health() {
        Health captureHealth = CaptureHealth.of(capture, "the network detector");
        if (!captureHealth.isOk()) {
            return captureHealth;
        }
        if (failures.count() > 0) {
            return failures.health();
        }
        SocketTable table = socketTable;
        if (table == null) {
            return Health.warn("no socket table: TCP connections on ports other than VR "
                    + traffic.settings.capturedTcpPorts() + " are not classified; UDP and the VR/web_control ports "
                    + "still are (install it in the shell: feature:install teleop-sockets)");
        }
        Health tableHealth = table.health();
        return tableHealth.isOk() ? Health.ok()
                : new Health(tableHealth.status(), "socket table: " + tableHealth.message()
                        + " (TCP connections on other ports may not be classified)");
    }

    /**
     * Classifies every flow, finds patterns and ends, forgets old flows, and pushes a changed view; true
     * while something is classified (the next tick is soon). Flows from the socket table alone change only
     * at its readings, which the idle ticks follow.
     */
    boolean tick() {
        DetectorSignal changed = null;
        boolean busy = true;
        synchronized (traffic) {
            try {
                long now = time.now();
                local.refresh(now);
                changed = evaluate(now);
                busy = Ticker.claims(current) || !patterns.isEmpty() || end != null || traffic.flows.anyClassified();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
        signals.push(changed);
        return busy;
    }

    /** The new signal when the view's key changed, else null. Caller holds the lock. */
    private DetectorSignal evaluate(long now) {
        List<Flow> flows = traffic.flows.all();
        for (Flow f : flows) {
            if (classifier.classify(f, now) && f.flowClass != FlowClass.NONE) {
                // Sessions are news; a video or control flow alone is not, and may come and go with its rate.
                if (f.flowClass.isSession()) {
                    LOG.info("Flow {} is {}: {}", f.id, f.flowClass.label(), f.evidence);
                } else {
                    LOG.debug("Flow {} is {}: {}", f.id, f.flowClass.label(), f.evidence);
                }
                traffic.flows.promote(f);
            }
            f.pinned = f.flowClass.isSession();
            if (f.wasSession && f.closing()) {
                endOf(f);
            }
        }
        List<NetworkView.Pattern> before = patterns;
        patterns = NetworkView.patterns(flows);
        if (patterns.size() > before.size()) {
            patterns.forEach(p -> LOG.info("{}", p.evidence()));
        }
        patterns.forEach(p -> {
            p.video().pinned = true;
            p.control().pinned = true;
        });
        traffic.expire(now, traffic.settings.silenceNanos() * 5);
        if (end != null && now - end.atNanos() > traffic.settings.silenceNanos() * 5) {
            end = null;
        }
        NetworkView.Key key = NetworkView.key(flows, patterns, end);
        if (key.equals(lastKey)) {
            return null;
        }
        lastKey = key;
        current = NetworkView.signal(key, flows, patterns, end, now);
        return current;
    }

    /** A VR or web_control connection that carried teleoperation closed: who closed it ends the session. */
    private void endOf(Flow f) {
        f.wasSession = false;
        int client = f.clientSide();
        boolean operatorClosed = initiator(f) == client;
        String how = f.resetSeen ? "RST" : "FIN";
        String what = f.kind == Flow.Kind.VR ? "VR connection" : "web_control connection";
        EndReason reason = EndReason.of(operatorClosed ? EndReason.Kind.OPERATOR_CLOSED : EndReason.Kind.ROBOT_CLOSED,
                (operatorClosed ? "operator " + f.address(client) : "robot " + f.endpoint(Flow.other(client)))
                        + " closed the " + what + " (" + how + ")");
        long last = f.from(client).lastMessageNanos;
        end = new NetworkView.End(reason, last > 0 ? last : f.closedNanos);
        LOG.info("Flow {} ended: {}", f.id, reason.detail());
    }

    /**
     * The side that ended the connection. A WebSocket server closes TCP first also when the client asked
     * (RFC 6455 §7.1.1), so the first Close frame decides where it is readable (web_control). Over TLS (VR)
     * the frames are encrypted: a server closes with its Close frame then its close_notify, so when the
     * server's record before the last came after the client's last record, the server was answering the
     * client's Close (the client asked); when it came before, the client was answering the server's.
     */
    private static int initiator(Flow f) {
        int client = f.clientSide();
        int server = Flow.other(client);
        if (f.resetSeen) {
            return f.closedBy;
        }
        if (f.kind == Flow.Kind.WEB && f.web != null && (f.web.clientClosedFirst || f.web.serverClosedFirst)) {
            return f.web.clientClosedFirst ? client : server;
        }
        if (f.kind == Flow.Kind.VR && f.closedBy == server
                && f.closeServerPreviousNanos > f.closeClientLastNanos && f.closeClientLastNanos > 0) {
            return client;
        }
        return f.closedBy;
    }

    /**
     * The classified flows, one map each (the shell's {@code teleop:flows}): the flows that make
     * teleoperation, not every flow the capture follows.
     */
    @Override
    public List<Map<String, Object>> details() {
        return flows(false).stream().map(FlowRow::toMap).toList();
    }

    /** The flows, classified ones first, for the shell ({@code all} false: classified ones only). */
    public List<FlowRow> flows(boolean all) {
        synchronized (traffic) {
            long now = time.now();
            return traffic.flows.all().stream().filter(f -> all || f.flowClass != FlowClass.NONE)
                    .map(f -> FlowRow.of(f, now, traffic.settings))
                    .sorted(FlowRow.ORDER).toList();
        }
    }

    /** The signal last pushed. */
    DetectorSignal lastPushed() {
        return current;
    }

    long errors() {
        return failures.count();
    }

    NetworkTraffic traffic() {
        return traffic;
    }

    KernelFlows kernel() {
        return kernel;
    }

    LocalAddresses localAddresses() {
        return local;
    }

    /** The detector's clock: capture time, or wall time before the first packet. */
    long now() {
        return time.now();
    }
}
