package org.teleopmon.streamer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.AlertListener;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;

/**
 * Stand-ins for the engine and the metrics collector, whose answers a test sets; the Pax Exam test
 * runs the streamer against the real ones.
 */
final class TestSources implements Sources {

    volatile TeleopMonitor monitor;
    volatile MetricsCollector metrics;
    final List<Detector> detectors = new CopyOnWriteArrayList<>();
    final List<HealthReporter> reporters = new CopyOnWriteArrayList<>();

    @Override
    public Optional<TeleopMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    @Override
    public Optional<MetricsCollector> metrics() {
        return Optional.ofNullable(metrics);
    }

    @Override
    public List<Detector> detectors() {
        return detectors;
    }

    @Override
    public List<HealthReporter> reporters() {
        return reporters;
    }

    static TeleopState activeState(String operatorDetail) {
        Instant now = Instant.now();
        OperatorInfo alice = new OperatorInfo(new Operator("10.0.0.7", "alice", IdentitySource.NETWORK_PEER,
                operatorDetail), now.minusSeconds(5), now, java.util.Set.of("zmq"));
        return new TeleopState(true, List.of(alice), 87, now.minusSeconds(5), Duration.ofSeconds(5), "lekiwi",
                Map.of("latency_ms", new Reading(12.5, "zmq", now), "command_rate_hz", new Reading(30, "zmq", now)),
                now);
    }

    /** An engine whose state, sessions and detectors are whatever the test put there. */
    static final class Monitor implements TeleopMonitor {
        volatile TeleopState state = TeleopState.idle("lekiwi", Instant.now());
        final List<SessionRecord> sessions = new CopyOnWriteArrayList<>();
        final List<DetectorStatus> statuses = new CopyOnWriteArrayList<>();

        @Override
        public TeleopState getState() {
            return state;
        }

        @Override
        public MonitorStats getStats() {
            return new MonitorStats(42, 2, Duration.ofSeconds(90), Map.of("zmq", 40L, "heartbeat-file", 2L), 1);
        }

        @Override
        public List<DetectorStatus> getDetectors() {
            return statuses;
        }

        @Override
        public List<SessionRecord> getSessions() {
            return sessions;
        }
    }

    /** A collector with fixed summaries. */
    static final class Metrics implements MetricsCollector {
        final List<MetricSummary> summaries = new ArrayList<>();

        @Override
        public void recordMetric(String name, double value, Map<String, String> tags) {
        }

        @Override
        public List<MetricSummary> getSummary() {
            return summaries;
        }

        @Override
        public Optional<MetricSummary> getSummary(String name, Map<String, String> tags) {
            return summaries.stream().filter(s -> s.name().equals(name) && s.tags().equals(tags)).findFirst();
        }

        @Override
        public void addAlertCheck(AlertCheck check) {
        }

        @Override
        public void removeAlertCheck(AlertCheck check) {
        }

        @Override
        public void addAlertListener(AlertListener listener) {
        }

        @Override
        public void removeAlertListener(AlertListener listener) {
        }
    }

    static Detector detector(String name, Health health) {
        return new Detector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public org.teleopmon.api.DetectorSignal detect() {
                return org.teleopmon.api.DetectorSignal.idle(name, Instant.now());
            }

            @Override
            public Health health() {
                return health;
            }
        };
    }
}
