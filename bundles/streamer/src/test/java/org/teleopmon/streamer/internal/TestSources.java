package org.teleopmon.streamer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.AlertService;
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
import org.teleopmon.api.Silence;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerCounters;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionPage;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageLedger;
import org.teleopmon.api.usage.UsageTotal;

/**
 * Stand-ins for the engine, the metrics collector and the alert service, whose answers a test sets;
 * the Pax Exam tests run the streamer against the real ones.
 */
final class TestSources implements Sources {

    volatile TeleopMonitor monitor;
    volatile MetricsCollector metrics;
    volatile AlertService alerts;
    volatile org.teleopmon.api.RobotIdentity robot;
    volatile UsageLedger ledger;
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
    public Optional<AlertService> alerts() {
        return Optional.ofNullable(alerts);
    }

    @Override
    public Optional<org.teleopmon.api.RobotIdentity> robot() {
        return Optional.ofNullable(robot);
    }

    @Override
    public Optional<UsageLedger> ledger() {
        return Optional.ofNullable(ledger);
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

    /** A ledger whose sessions and totals are whatever the test put there; it keeps the last query. */
    static final class Ledger implements UsageLedger {
        final List<LedgerSession> sessions = new CopyOnWriteArrayList<>();
        final List<UsageTotal> totals = new CopyOnWriteArrayList<>();
        volatile SessionQuery lastQuery;
        volatile List<Object> lastUsage;
        volatile String broken;

        @Override
        public SessionPage sessions(SessionQuery query) {
            check();
            lastQuery = query;
            return new SessionPage(sessions.stream().limit(query.limit()).toList(),
                    sessions.size() > query.limit() ? "next" : null);
        }

        @Override
        public Optional<LedgerSession> session(String id) {
            check();
            return sessions.stream().filter(s -> s.id().equals(id)).findFirst();
        }

        @Override
        public List<UsageTotal> usage(Instant from, Instant to, UsageGrouping by) {
            check();
            lastUsage = java.util.Arrays.asList(from, to, by);
            return totals;
        }

        @Override
        public LedgerCounters counters() {
            return new LedgerCounters(Map.of("idle", 2L), Map.of("idle", 61.5), 0, 0);
        }

        private void check() {
            if (broken != null) {
                throw new IllegalStateException(broken);
            }
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

    }

    /** An alert service whose history, newest first, is whatever the test put there. */
    static final class Alerts implements AlertService {
        final List<Alert> history = new CopyOnWriteArrayList<>();
        final List<Silence> silences = new CopyOnWriteArrayList<>();

        @Override
        public List<Alert> active() {
            return history.stream().filter(a -> a.state() == Alert.State.FIRING).toList();
        }

        @Override
        public List<Alert> history(int limit) {
            return history.stream().limit(limit).toList();
        }

        @Override
        public List<Silence> silences() {
            return silences;
        }

        @Override
        public Silence silence(String rule, String subject, Duration duration) {
            Silence silence = new Silence(rule, subject, Instant.now().plus(duration));
            silences.add(silence);
            return silence;
        }

        @Override
        public List<Silence> unsilence(String rule, String subject) {
            List<Silence> lifted = silences.stream().filter(s -> s.rule().equals(rule) && s.subject().equals(subject))
                    .toList();
            silences.removeAll(lifted);
            return lifted;
        }

        @Override
        public Set<String> rules() {
            return Set.of("high_latency", "low_fps");
        }
    }

    /** A detector that says what it follows. */
    record DetectorWithDetails(String name, List<Map<String, Object>> details) implements Detector {
        @Override
        public org.teleopmon.api.DetectorSignal detect() {
            return org.teleopmon.api.DetectorSignal.idle(name, Instant.now());
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
