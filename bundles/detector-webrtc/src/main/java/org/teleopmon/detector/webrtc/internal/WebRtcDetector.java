package org.teleopmon.detector.webrtc.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import org.teleopmon.detector.support.CaptureClock;
import org.teleopmon.detector.support.CaptureHealth;
import org.teleopmon.detector.support.LocalAddresses;
import org.teleopmon.detector.support.PacketFailures;
import org.teleopmon.detector.support.SignalFanOut;
import org.teleopmon.detector.support.Ticker;

/**
 * The WebRTC detector: a {@link PacketListener} on every UDP packet (WebRTC picks its ports at
 * random, so content decides) and a {@link Detector} that pushes its view the moment a call goes
 * up or down or its media starts or stops. Packets arrive on the capture thread; a ticker expires
 * flows and calls.
 */
@Component(service = {Detector.class, PacketListener.class, WebRtcDetector.class}, immediate = true,
        configurationPid = "org.teleopmon.detector.webrtc", property = Detector.WEIGHT_PROPERTY + ":Integer=80")
@Designate(ocd = WebRtcDetectorConfig.class)
public class WebRtcDetector implements Detector, PacketListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcDetector.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SignalListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CaptureService capture;

    private final WebRtcTraffic traffic;
    private final CallTracker calls;
    private final LocalAddresses local = new LocalAddresses();
    private final SignalFanOut signals = new SignalFanOut(listeners, LOG);
    private final PacketFailures failures = new PacketFailures("WebRTC detector", LOG);
    /** Expires flows and ends calls; null in tests that tick by hand. */
    private volatile Ticker ticker;
    private final CaptureClock time = new CaptureClock();
    private WebRtcView.Key lastKey;
    private volatile int browserProcesses;
    private volatile String processProblem = "";
    private volatile DetectorSignal current;

    @Activate
    public WebRtcDetector(WebRtcDetectorConfig config) {
        this(Settings.from(config), config.history_size());
        startTicking(Math.round(config.tick() * 1000));
        if (config.process_scan_enabled()) {
            ProcessScan scan = new ProcessScan(Stream.of(config.process_names())
                    .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
            ticker.every(java.time.Duration.ofNanos(Settings.nanos(config.process_scan_interval())),
                    () -> scanProcesses(scan));
        }
    }

    /** Weak evidence, off the packet path: browser processes owning UDP sockets (OSHI). */
    private void scanProcesses(ProcessScan scan) {
        try {
            browserProcesses = scan.scan().size();
            processProblem = scan.problem();
        } catch (RuntimeException | LinkageError e) {
            browserProcesses = 0;
            processProblem = "process scan failed: " + e;
        }
    }

    WebRtcDetector(Settings settings, int historySize) {
        this.traffic = new WebRtcTraffic(settings);
        this.calls = new CallTracker(settings, local, historySize);
        long now = time.now();
        this.current = DetectorSignal.idle(WebRtcView.NAME, java.time.Instant.ofEpochSecond(0, now));
        this.lastKey = WebRtcView.key(List.of(), now, settings, 0);
    }

    /** Starts the ticker that expires flows and ends calls; the component does it on activation. */
    void startTicking(long tickMillis) {
        ticker = new Ticker("teleop-webrtc-detector", java.time.Duration.ofMillis(tickMillis), Ticker.IDLE, this::tick,
                LOG).start();
    }

    @Deactivate
    void deactivate() {
        if (ticker != null) {
            ticker.close();
        }
    }

    @Override
    public String name() {
        return WebRtcView.NAME;
    }

    @Override
    public CaptureInterest interest() {
        return new CaptureInterest(traffic.settings.tcpPorts(), Set.of(), true);
    }

    @Override
    public void onPacket(Packet packet) {
        DetectorSignal changed = null;
        synchronized (traffic) {
            try {
                time.packet(packet.timestampNanos());
                Flow flow = packet.transport() == Packet.UDP ? traffic.udp(packet)
                        : packet.transport() == Packet.TCP ? traffic.tcp(packet) : null;
                if (flow != null && flow.takeChange()) {
                    changed = evaluate(packet.timestampNanos());
                }
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
        signals.push(changed);
        Ticker t = ticker;
        if (t != null) {
            t.wake();
        }
    }

    @Override
    public DetectorSignal detect() {
        synchronized (traffic) {
            long now = time.now();
            List<Call> active = calls.active();
            return view(WebRtcView.key(active, now, traffic.settings, browserProcesses, calls.ended()), active, now);
        }
    }

    @Override
    public Health health() {
        Health captureHealth = CaptureHealth.of(capture, "the WebRTC detector");
        if (!captureHealth.isOk()) {
            return captureHealth;
        }
        if (failures.count() > 0) {
            return failures.health();
        }
        synchronized (traffic) {
            if (traffic.flows.refused > 0) {
                return Health.warn(traffic.flows.refused + " flows refused: the flow table is full (max.flows)");
            }
        }
        // The process scan is only corroboration: its trouble is reported, never a failure.
        return processProblem.isEmpty() ? Health.ok() : new Health(Health.ok().status(), processProblem);
    }

    /** Expires flows and re-groups calls; true while the view claims teleoperation or a call is up. */
    boolean tick() {
        DetectorSignal changed;
        boolean busy;
        synchronized (traffic) {
            long now = time.now();
            local.refresh(now);
            traffic.flows.expire(now, traffic.settings.idleNanos(), calls::holds);
            changed = evaluate(now);
            busy = Ticker.claims(current) || calls.anyActive();
        }
        signals.push(changed);
        return busy;
    }

    /** Re-groups the calls; the new signal when the view's key changed, else null. Caller holds the lock. */
    private DetectorSignal evaluate(long now) {
        CallTracker.Changes changes = calls.update(traffic.flows.all(), now);
        if (changes.any()) {
            changes.started().forEach(c -> LOG.info("WebRTC call {} up: {} {} <-> {}", c.id,
                    c.kind.name().toLowerCase(java.util.Locale.ROOT), c.localEndpoint(), c.remoteEndpoint()));
            changes.ended().forEach(s -> LOG.info("WebRTC call {} down after {} s: {}", s.id(),
                    String.format("%.1f", s.durationSeconds()), s.remote()));
        }
        List<Call> active = calls.active();
        WebRtcView.Key key = WebRtcView.key(active, now, traffic.settings, browserProcesses, calls.ended());
        if (key.equals(lastKey)) {
            return null;
        }
        lastKey = key;
        current = view(key, active, now);
        return current;
    }

    /** The calls' view plus the packet path's own counters. Caller holds the lock. */
    private DetectorSignal view(WebRtcView.Key key, List<Call> active, long now) {
        return WebRtcView.builder(key, active, now, traffic.settings, browserProcesses)
                .measurement("packets_total", traffic.packets)
                .measurement("not_webrtc_total", traffic.ignored)
                .measurement("malformed_total", traffic.malformed)
                .measurement("flows", traffic.flows.size())
                .measurement("flows_refused_total", traffic.flows.refused)
                .measurement("flows_evicted_total", traffic.flows.evicted)
                .build();
    }

    /** Calls up now, for the shell, as rows computed under the lock. */
    public List<CallRow> calls() {
        synchronized (traffic) {
            long now = time.now();
            return calls.active().stream().map(c -> CallRow.of(c, now)).toList();
        }
    }

    /** Media streams of the calls up now, one map each (the shell's {@code teleop:webrtc --streams}). */
    @Override
    public List<Map<String, Object>> details() {
        return streams().stream().map(StreamRow::toMap).toList();
    }

    /** Media streams of the calls up now, for the shell. */
    public List<StreamRow> streams() {
        synchronized (traffic) {
            long now = time.now();
            return calls.active().stream().flatMap(c -> c.streams().stream().map(s -> StreamRow.of(c, s, now)))
                    .toList();
        }
    }

    /** Ended calls, newest first. */
    public List<CallSummary> history() {
        synchronized (traffic) {
            return calls.history();
        }
    }

    /** The signal last pushed. */
    DetectorSignal lastPushed() {
        return current;
    }

    long errors() {
        return failures.count();
    }

    WebRtcTraffic traffic() {
        return traffic;
    }

    LocalAddresses localAddresses() {
        return local;
    }
}
