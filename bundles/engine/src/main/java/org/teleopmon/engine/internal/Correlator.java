package org.teleopmon.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorDirectory;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.detector.support.Ticker;

/**
 * The engine's logic, free of OSGi and threads: detectors attach and detach, views arrive (pushed
 * or polled), and every change is evaluated at once into confidence, state, operators, sessions
 * and events. Events go to the publisher in order, from inside the lock.
 */
final class Correlator {

    private static final Logger LOG = LoggerFactory.getLogger(Correlator.class);
    private static final int MAX_GONE = 32;

    private final Clock clock;
    private final Consumer<TeleopEvent> publisher;
    private final Instant createdAt;
    private final Map<String, DetectorSlot> slots = new TreeMap<>();
    private final OperatorRoster roster = new OperatorRoster();
    private final SessionLog sessions = new SessionLog();
    private final StateUpdates updates = new StateUpdates();
    private final Set<String> unknownReported = new HashSet<>();
    private final Hysteresis hysteresis = new Hysteresis();
    private final StallWatch stalls = new StallWatch();
    /** Stalls that ended since the last publication, told before the session events. */
    private final List<Stall> endedStalls = new ArrayList<>(2);
    private final Consumer<Stall> tell = endedStalls::add;
    private Settings settings;
    private long detections;
    private long stateChanges;
    private TeleopState state;
    /** Told when a view claims something, so that a slowed tick comes back to the detection interval. */
    private Runnable claimed = () -> { };

    Correlator(Settings settings, Clock clock, Consumer<TeleopEvent> publisher) {
        this.settings = settings;
        this.clock = clock;
        this.publisher = publisher;
        this.createdAt = clock.instant();
        this.state = TeleopState.idle(settings.robotType(), createdAt);
        updates.published(state, createdAt);
    }

    synchronized void reconfigure(Settings next) {
        settings = next;
        sessions.trim(next.sessionHistory());
        evaluate();
    }

    /** Names operators from now on through {@code directory}, or by what their detectors say when {@code null}. */
    synchronized void directory(OperatorDirectory directory) {
        roster.naming(directory == null ? operator -> operator : operator -> named(operator, directory));
        evaluate();
    }

    private static Operator named(Operator operator, OperatorDirectory directory) {
        return directory.nameOf(operator.id()).filter(name -> !name.equals(operator.name()))
                .map(name -> new Operator(operator.id(), name, operator.source(), operator.detail()))
                .orElse(operator);
    }

    synchronized void attach(String name, Integer propertyWeight) {
        DetectorSlot slot = slots.computeIfAbsent(name, DetectorSlot::new);
        if (slot.goneAt != null) {
            slot.goneAt = null;
            slot.failure = null;
            slot.latest = null;
            slot.activeAt = null;
            slot.carriedAt = null;
            slot.freshAt = null;
            slot.reported = Health.ok();
        }
        if (++slot.instances > 1) {
            LOG.warn("{} Detector services are named '{}'; their views are mixed. Detector names must be unique",
                    slot.instances, name);
        }
        slot.propertyWeight = propertyWeight;
        unknownReported.remove(name);
        evaluate();
    }

    synchronized void detach(String name) {
        DetectorSlot slot = slots.get(name);
        if (slot == null || slot.goneAt != null || --slot.instances > 0) {
            return;
        }
        slot.goneAt = clock.instant();
        stalls.forget(name);
        LOG.info("Detector '{}' went away; it no longer counts", name);
        evaluate();
        trimGone();
    }

    synchronized void weight(String name, Integer propertyWeight) {
        DetectorSlot slot = slots.get(name);
        if (slot != null) {
            slot.propertyWeight = propertyWeight;
            evaluate();
        }
    }

    /** A pushed view, evaluated at once. */
    synchronized void signal(DetectorSignal signal) {
        DetectorSlot slot = slots.get(signal.detector());
        if (slot == null || slot.goneAt != null) {
            if (unknownReported.add(signal.detector())) {
                LOG.info("Ignoring signals from '{}': no Detector service of that name is registered",
                        signal.detector());
            }
            return;
        }
        take(slot, signal);
    }

    /** The result of polling one detector's {@code detect()} and {@code health()}. */
    synchronized void polled(String name, DetectorSignal signal, Health health) {
        DetectorSlot slot = slots.get(name);
        if (slot == null || slot.goneAt != null) {
            return;
        }
        if (signal == null || !signal.detector().equals(name)) {
            fail(slot, "detect() returned " + (signal == null ? "null" : "a signal named '" + signal.detector() + "'"));
            return;
        }
        if (slot.failure != null) {
            LOG.info("Detector '{}' recovered", name);
            slot.failure = null;
        }
        slot.reported = health == null ? Health.ok() : health;
        take(slot, signal);
    }

    synchronized void failed(String name, String what) {
        DetectorSlot slot = slots.get(name);
        if (slot != null && slot.goneAt == null) {
            fail(slot, what);
        }
    }

    /** Runs {@code listener} (cheap, never blocking) whenever a view that claims something arrives. */
    synchronized void onClaim(Runnable listener) {
        claimed = listener;
    }

    /**
     * Nothing ages: no session, no operator held, no live view that claims anything, no state update
     * held back. The engine then ticks at the idle period; a claiming view brings it back.
     */
    synchronized boolean quiet() {
        if (hysteresis.active() || !roster.current().isEmpty() || updates.pending(state)) {
            return false;
        }
        for (DetectorSlot slot : slots.values()) {
            if (slot.goneAt == null && Ticker.claims(slot.latest)) {
                return false;
            }
        }
        return true;
    }

    /** Ages views out, ends sessions after the hold time and sends held-back state updates. */
    synchronized void tick() {
        evaluate();
    }

    synchronized TeleopState state() {
        Instant now = clock.instant();
        Instant start = state.startTime();
        Duration duration = start == null || now.isBefore(start) ? Duration.ZERO : Duration.between(start, now);
        return new TeleopState(state.active(), state.operators(), state.confidence(), start, duration,
                state.robotType(), state.metrics(), now);
    }

    synchronized MonitorStats stats() {
        Map<String, Long> perDetector = new LinkedHashMap<>();
        slots.values().forEach(s -> perDetector.put(s.name, s.signals));
        Duration uptime = Duration.between(createdAt, clock.instant());
        return new MonitorStats(detections, stateChanges, uptime.isNegative() ? Duration.ZERO : uptime, perDetector,
                sessions.started());
    }

    synchronized List<DetectorStatus> detectors() {
        Instant now = clock.instant();
        List<DetectorStatus> list = new ArrayList<>(slots.size());
        slots.values().forEach(s -> list.add(s.status(weightOf(s), now, settings.silenceTimeout())));
        return list;
    }

    synchronized List<SessionRecord> sessions() {
        return sessions.all(clock.instant());
    }

    private void fail(DetectorSlot slot, String failure) {
        if (slot.failure == null) {
            LOG.warn("Detector '{}' no longer counts until it recovers: {}", slot.name, failure);
        }
        slot.failure = failure;
        evaluate();
    }

    /** The command stall in progress in the open session now, or {@code null}: the {@code command_stall} alert. */
    synchronized StallWatch.InProgress commandStall() {
        return hysteresis.active() ? stalls.inProgress(sessions.id(), clock.instant(), settings) : null;
    }

    private void take(DetectorSlot slot, DetectorSignal signal) {
        if (Ticker.claims(signal)) {
            claimed.run();
        }
        Instant now = clock.instant();
        if (slot.failure == null) {
            stalls.observe(signal, sessions, settings, tell);
        }
        boolean fresh = slot.accept(signal, now);
        if (fresh) {
            detections++;
            if (signal.active() && signal.confidence() >= settings.threshold()) {
                slot.carriedAt = signal.timestamp();
            }
        }
        evaluate();
        if (fresh && slot.failure == null) {
            sessions.sample(signal);
        }
    }

    /** Forgets the oldest departed detectors beyond {@value #MAX_GONE}, so that churn cannot grow memory. */
    private void trimGone() {
        List<DetectorSlot> gone = new ArrayList<>();
        slots.values().stream().filter(s -> s.goneAt != null).forEach(gone::add);
        gone.sort(java.util.Comparator.comparing(s -> s.goneAt));
        for (int i = 0; i < gone.size() - MAX_GONE; i++) {
            slots.remove(gone.get(i).name);
        }
    }

    private int weightOf(DetectorSlot slot) {
        return settings.weightOf(slot.name, slot.propertyWeight);
    }

    /** What the live detectors say now. */
    private record Evidence(int confidence, Map<String, List<Operator>> operators, List<DetectorSlot> live,
            String robotType) {
    }

    private Evidence gather(Instant now) {
        Fusion fusion = new Fusion();
        Map<String, List<Operator>> operators = new LinkedHashMap<>();
        List<DetectorSlot> live = new ArrayList<>(slots.size());
        String robotType = "";
        for (DetectorSlot slot : slots.values()) {
            if (slot.live(now, settings.silenceTimeout())) {
                DetectorSignal view = slot.latest;
                live.add(slot);
                fusion.add(view.active(), view.confidence(), weightOf(slot));
                if (!view.operators().isEmpty()) {
                    operators.put(slot.name, view.operators());
                }
                robotType = view.robotType().isEmpty() ? robotType : view.robotType();
            }
        }
        return new Evidence(fusion.confidence(), operators, live, robotType);
    }

    private void evaluate() {
        Instant now = clock.instant();
        Evidence evidence = gather(now);
        List<OperatorInfo> arrivals = new ArrayList<>(0);
        List<OperatorInfo> departures = new ArrayList<>(0);
        roster.update(evidence.operators(), now, settings.holdTime(),
                (type, info) -> (type == EventType.OPERATOR_CONNECTED ? arrivals : departures).add(info));
        String robotType = evidence.robotType().isEmpty() ? settings.robotType() : evidence.robotType();
        // What is left once the carriers reported their end could not start a session alone: it ends now,
        // however much corroborating evidence (a video beside the commands) still flows.
        EndReason teardown = evidence.confidence() < settings.threshold() ? teardown(now) : null;
        Hysteresis.Transition transition = hysteresis.update(evidence.confidence(), now, settings,
                teardown == null ? null : teardown.at());
        SessionRecord stopped = null;
        if (transition == Hysteresis.Transition.STARTED) {
            stateChanges++;
            sessions.open(now, robotType, roster.operators());
        } else if (transition == Hysteresis.Transition.STOPPED) {
            stateChanges++;
            EndReason reason = teardown != null ? teardown : faded(now);
            stalls.sessionEnding(sessions.id(), hysteresis.fellAt(), reason.kind() == EndReason.Kind.STALL, now,
                    sessions, settings, tell);
            stopped = sessions.close(hysteresis.fellAt(), settings.sessionHistory(), reason);
        }
        if (hysteresis.active()) {
            roster.operators().forEach(sessions::operator);
            sessions.robotType(evidence.robotType());
        }
        Instant start = hysteresis.active() ? sessions.start() : null;
        state = new TeleopState(hysteresis.active(), roster.current(), evidence.confidence(), start,
                start == null || now.isBefore(start) ? Duration.ZERO : Duration.between(start, now), robotType,
                Metrics.latest(evidence.live()), now);
        publish(arrivals, transition == Hysteresis.Transition.STARTED ? sessions.open(now) : null, stopped,
                departures, now);
    }

    /**
     * Why a session whose evidence faded for the hold time ended: a stall when commands had stopped for
     * longer than {@code stall.threshold} while a detector still followed them (the connection stayed
     * open), else idle.
     */
    private EndReason faded(Instant now) {
        StallWatch.InProgress stall = stalls.inProgress(sessions.id(), now, settings);
        if (stall != null) {
            return EndReason.of(EndReason.Kind.STALL, stallDetail(stall.detector(), stall.gap()), hysteresis.fellAt());
        }
        return EndReason.of(EndReason.Kind.IDLE,
                "no teleoperation seen for the hold time (" + settings.holdTime().toMillis() / 1000.0 + " s)",
                hysteresis.fellAt());
    }

    private String stallDetail(String detector, Duration gap) {
        return String.format(java.util.Locale.ROOT,
                "no operator command for %.1f s while the connection stayed open (hold.time %.1f s), seen by %s",
                gap.toMillis() / 1000.0, settings.holdTime().toMillis() / 1000.0, detector);
    }

    /**
     * The end of the open session when every detector that carried it (saw it strongly enough to start
     * it alone) reports one (the latest of them, with its time), or {@code null} while any of them merely
     * went quiet: that one gets the hold. Corroborating detectors neither delay nor cause a teardown.
     */
    private EndReason teardown(Instant now) {
        if (!hysteresis.active()) {
            return null;
        }
        Instant start = sessions.start();
        Instant last = null;
        EndReason lastReason = null;
        for (DetectorSlot slot : slots.values()) {
            if (!slot.carried(start)) {
                continue;
            }
            if (slot.goneAt != null || slot.failure != null) {
                return null;
            }
            Instant at = slot.endedAt();
            EndReason reason = slot.ended();
            if (at == null) {
                at = stalls.stalledSince(slot.name, sessions.id(), now, settings.holdTime());
                reason = at == null ? null : EndReason.of(EndReason.Kind.STALL,
                        stallDetail(slot.name, Duration.between(at, now)), at);
            }
            if (at == null) {
                return null;
            }
            if (last == null || at.isAfter(last)) {
                last = at;
                lastReason = reason;
            }
        }
        if (last == null) {
            return null;
        }
        Instant at = last.isBefore(start) ? start : last.isAfter(now) ? now : last;
        return EndReason.of(lastReason.kind(), lastReason.detail(), at);
    }

    /** The engine is stopping: a session in progress ends now, as {@link EndReason.Kind#MONITOR_STOPPED}. */
    synchronized void shutdown() {
        if (!hysteresis.active()) {
            return;
        }
        Instant now = clock.instant();
        hysteresis.stop(now);
        stateChanges++;
        stalls.sessionEnding(sessions.id(), now, false, now, sessions, settings, tell);
        SessionRecord stopped = sessions.close(now, settings.sessionHistory(),
                EndReason.of(EndReason.Kind.MONITOR_STOPPED, "the monitor's engine was stopped", now));
        state = new TeleopState(false, roster.current(), state.confidence(), null, Duration.ZERO, state.robotType(),
                state.metrics(), now);
        publish(List.of(), null, stopped, List.of(), now);
    }

    private void publish(List<OperatorInfo> arrivals, SessionRecord started, SessionRecord stopped,
            List<OperatorInfo> departures, Instant now) {
        for (Stall stall : endedStalls) {
            publisher.accept(TeleopEvent.stall(stall, state));
        }
        endedStalls.clear();
        arrivals.forEach(info -> publisher.accept(TeleopEvent.operator(EventType.OPERATOR_CONNECTED, state, info)));
        if (started != null) {
            publisher.accept(TeleopEvent.session(EventType.TELEOPERATION_STARTED, state, started));
        }
        if (stopped != null) {
            publisher.accept(TeleopEvent.session(EventType.TELEOPERATION_STOPPED, state, stopped));
        }
        departures.forEach(info -> publisher.accept(TeleopEvent.operator(EventType.OPERATOR_DISCONNECTED, state, info)));
        boolean forced = started != null || stopped != null || !arrivals.isEmpty() || !departures.isEmpty();
        if (updates.due(state, now, settings.updateInterval(), forced)) {
            publisher.accept(TeleopEvent.stateUpdate(state));
            updates.published(state, now);
        }
    }
}
