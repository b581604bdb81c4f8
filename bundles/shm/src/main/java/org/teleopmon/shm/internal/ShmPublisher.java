package org.teleopmon.shm.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.annotation.bundle.Header;
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
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.detector.support.Ticker;
import org.teleopmon.shm.reader.RingLayout;
import org.teleopmon.wire.Wire;

/**
 * Writes every event's state into the state region and the event itself, as its wire message
 * ({@code {"type","timestamp","data"}}, docs/wire.md), into the telemetry ring,
 * and on each tick refreshes the writer heartbeat (and the state, from {@link TeleopMonitor}, when
 * no event brought a newer one).
 */
@Component(service = {TeleopEventListener.class, HealthReporter.class}, immediate = true,
        configurationPid = "org.teleopmon.shm")
@Designate(ocd = ShmConfig.class)
@Header(name = "Teleop-Environment", value = "SHM_NAMESPACE=org.teleopmon.shm/namespace")
public class ShmPublisher implements TeleopEventListener, HealthReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ShmPublisher.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TeleopMonitor monitor;

    private final ShmRegions regions;
    private final boolean removeOnStop;
    /** Heartbeat and state refresh: every update.interval in a session, every second otherwise. */
    private final Ticker ticker;
    private final Duration busyInterval;
    private final Duration idleInterval;
    /** The last state written claims a session: its duration moves, so the tick refreshes it. */
    private volatile boolean active;
    private final AtomicLong lastPublished = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile String lastProblem = "";

    @Activate
    public ShmPublisher(ShmConfig config) {
        this.regions = new ShmRegions(config);
        this.removeOnStop = config.remove_on_stop();
        this.busyInterval = Duration.ofNanos(Math.round(config.update_interval() * 1e9));
        this.idleInterval = busyInterval.compareTo(Ticker.IDLE) > 0 ? busyInterval : Ticker.IDLE;
        this.ticker = new Ticker("teleop-shm-heartbeat", busyInterval, idleInterval, this::tick, LOG).start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ticker.close();
        regions.close(removeOnStop);
    }

    @Override
    public void onEvent(TeleopEvent event) {
        try {
            if (event.state() != null) {
                publish(event.state(), true);
                active = event.state().active();
                if (active) {
                    ticker.wake();
                }
            }
            if (regions.ring != null) {
                byte[] payload = Wire.bytes(event);
                if (payload.length > regions.ring.maxPayload()) {
                    dropped.incrementAndGet();
                    problem("event " + event.type().wireName() + " of " + payload.length
                            + " bytes exceeds the ring's record limit; raise buffer.size");
                    return;
                }
                regions.ring.write(RingLayout.typeId(event.type().wireName()), event.timestamp().toEpochMilli(),
                        payload);
            }
        } catch (RuntimeException e) {
            problem("cannot write " + event.type().wireName() + ": " + e);
        }
    }

    /**
     * The heartbeat, and the engine's state when newer than the region's; true while a session runs. Out of
     * a session the heartbeat comes every second and says so in the headers (readers allow three).
     */
    boolean tick() {
        boolean session = active;
        try {
            regions.heartbeat(session ? busyInterval : idleInterval);
            TeleopMonitor current = monitor;
            if (current != null) {
                TeleopState state = current.getState();
                publish(state, false);
                active = session = state.active();
            }
        } catch (RuntimeException e) {
            problem("heartbeat failed: " + e);
        }
        return session;
    }

    /** Publishes unless a newer state is there; the tick also skips the one already written. */
    private void publish(TeleopState state, boolean sameTimeToo) {
        if (regions.state == null) {
            return;
        }
        long timestamp = state.timestamp().toEpochMilli();
        long previous = lastPublished.getAndAccumulate(timestamp, Math::max);
        if (timestamp > previous || (sameTimeToo && timestamp == previous)) {
            regions.state.publish(StateMapper.toShm(state, regions.operatorSlots));
        }
    }

    private void problem(String message) {
        lastProblem = message;
        if (reported.add(message)) {
            LOG.warn("Shared memory: {}", message);
        }
    }

    @Override
    public String component() {
        return "shm";
    }

    @Override
    public Health health() {
        Health open = regions.health();
        if (!open.isOk()) {
            return open;
        }
        long lost = dropped.get();
        return lastProblem.isEmpty() ? Health.ok()
                : Health.warn(lastProblem + (lost > 0 ? " (" + lost + " events not written)" : ""));
    }
}
