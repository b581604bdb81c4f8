package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.testsupport.TestClock;

/** A correlator on a hand-moved clock, with the events it raised, for scripted signal timelines. */
final class Timeline {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    final TestClock clock = new TestClock(T0);
    final List<TeleopEvent> events = new ArrayList<>();
    final Correlator correlator;

    Timeline() {
        this(Settings.defaults());
    }

    Timeline(Settings settings) {
        correlator = new Correlator(settings, clock, events::add);
    }

    static Settings settings(Map<String, Integer> weights) {
        Settings d = Settings.defaults();
        return new Settings(d.robotType(), d.threshold(), d.lowerThreshold(), d.holdTime(), d.detectionInterval(),
                d.updateInterval(), d.silenceTimeout(), weights, d.sessionHistory(), List.of());
    }

    Timeline attach(String detector, int weight) {
        correlator.attach(detector, weight);
        return this;
    }

    /** Pushes an active (or idle, with confidence 0) view from {@code detector} now. */
    void push(String detector, int confidence, String... operators) {
        correlator.signal(signal(detector, confidence, Map.of(), operators));
    }

    void push(String detector, int confidence, Map<String, Double> measurements, String... operators) {
        correlator.signal(signal(detector, confidence, measurements, operators));
    }

    DetectorSignal signal(String detector, int confidence, Map<String, Double> measurements, String... operators) {
        DetectorSignal.Builder b = DetectorSignal.builder(detector).timestamp(clock.instant())
                .active(confidence > 0).confidence(confidence);
        measurements.forEach(b::measurement);
        for (String id : operators) {
            b.operator(new Operator(id, null, IdentitySource.NETWORK_PEER, detector));
        }
        return b.build();
    }

    /** Pushes {@code detector}'s view that the teleoperation it saw ended, as it last was at {@code at}. */
    void end(String detector, EndReason.Kind kind, Instant at) {
        correlator.signal(DetectorSignal.builder(detector).timestamp(clock.instant()).active(false).confidence(0)
                .ended(EndReason.of(kind, kind.wireName() + " seen by " + detector, at)).build());
    }

    /** Moves the clock in steps of the detection interval, ticking at each, as the engine would. */
    void run(Duration duration) {
        long steps = duration.toMillis() / 100;
        for (long i = 0; i < steps; i++) {
            clock.advanceMillis(100);
            correlator.tick();
        }
    }

    /** A detector whose view stays the same for {@code duration}, renewed by the engine's poll every 100 ms. */
    void keep(String detector, int confidence, Duration duration, String... operators) {
        long steps = duration.toMillis() / 100;
        for (long i = 0; i < steps; i++) {
            clock.advanceMillis(100);
            correlator.polled(detector, signal(detector, confidence, Map.of(), operators), Health.ok());
        }
    }

    void advance(long millis) {
        clock.advanceMillis(millis);
    }

    List<EventType> types() {
        return events.stream().map(TeleopEvent::type).collect(Collectors.toList());
    }

    List<EventType> types(EventType... only) {
        List<EventType> wanted = List.of(only);
        return types().stream().filter(wanted::contains).collect(Collectors.toList());
    }

    long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    TeleopEvent last(EventType type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type() == type) {
                return events.get(i);
            }
        }
        throw new AssertionError("no " + type + " in " + types());
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
