package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.teleopmon.ledger.internal.Drive.ALICE;
import static org.teleopmon.ledger.internal.Drive.BOB;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.Alert;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionPage;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.Stalls;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;
import org.teleopmon.testsupport.TestClock;

/** The ledger on a real SQLite file: what it records, what it answers. */
class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private Path file() {
        return dir.resolve("ledger/usage.db");
    }

    /** Issue 21's site-wide robot id wins over the host name, and a renamed robot's next session carries the new id. */
    @Test
    void sessionsCarryTheRobotIdentityWhenItRuns() {
        AtomicReference<RobotIdentity> identity = new AtomicReference<>();
        ledger = Ledger.start(new Settings(file(), Duration.ofDays(365), Duration.ofMillis(100), 500), clock,
                () -> null, () -> null, identity::get);
        SessionRecord first = Drive.open("s1", T0, ALICE);
        ledger.onEvent(Drive.started(first, Drive.active(T0, T0, ALICE, 10)));
        ledger.onEvent(Drive.stopped(first, T0.plusSeconds(5), EndReason.Kind.OPERATOR_CLOSED));
        identity.set(new RobotIdentity() {
            @Override
            public String robotId() {
                return "lekiwi-7";
            }

            @Override
            public String site() {
                return "lab";
            }
        });
        SessionRecord second = Drive.open("s2", T0.plusSeconds(60), BOB);
        ledger.onEvent(Drive.started(second, Drive.active(T0.plusSeconds(60), T0.plusSeconds(60), BOB, 10)));
        ledger.onEvent(Drive.stopped(second, T0.plusSeconds(65), EndReason.Kind.OPERATOR_CLOSED));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ledger.session("s1").orElseThrow().robotId()).isNotBlank().isNotEqualTo("lekiwi-7");
            assertThat(ledger.session("s2").orElseThrow().robotId()).isEqualTo("lekiwi-7");
        });
        assertThat(ledger.sessions(new SessionQuery(null, null, null, "lekiwi-7", 10, null)).sessions())
                .extracting(LedgerSession::id).containsExactly("s2");
    }

    @Test
    void aSessionIsRecordedWithItsOperatorsQualityAlertsAndEndReason() throws Exception {
        ledger = Drive.ledger(file(), clock);
        SessionRecord open = Drive.open("s1", T0, ALICE);
        ledger.onEvent(Drive.started(open, Drive.active(T0, T0, ALICE, 10)));
        for (int i = 0; i <= 10; i++) {
            clock.set(T0.plusSeconds(i));
            ledger.onEvent(TeleopEvent.stateUpdate(Drive.active(clock.instant(), T0, ALICE, 10 + i)));
            int seen = i;
            await().atMost(WAIT).until(() -> samples(ledger.session("s1").orElseThrow(), Measurements.LATENCY_MS)
                    > seen);
        }
        Alert alert = new Alert("high_latency", "", Severity.WARNING, Alert.State.FIRING, EventType.LATENCY_WARNING,
                150, 100, "latency 150 ms above 100 ms", T0.plusSeconds(5));
        ledger.onEvent(TeleopEvent.alert(alert, Drive.active(T0.plusSeconds(5), T0, ALICE, 150)));
        ledger.onEvent(Drive.stopped(open, T0.plusSeconds(30), EndReason.Kind.ROBOT_CLOSED));

        LedgerSession session = ledger.sessions(SessionQuery.latest(10)).sessions().get(0);
        assertThat(session.id()).isEqualTo("s1");
        assertThat(session.session().isOpen()).isFalse();
        assertThat(session.session().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(session.session().endReason().kind()).isEqualTo(EndReason.Kind.ROBOT_CLOSED);
        assertThat(session.session().endReason().detail()).isEqualTo("because robot_closed");
        assertThat(session.operators()).singleElement().satisfies(o -> {
            assertThat(o.operator()).isEqualTo(ALICE);
            assertThat(o.firstSeen()).isEqualTo(T0);
            assertThat(o.lastSeen()).isEqualTo(T0.plusSeconds(10));
        });
        Quality latency = session.quality().get(Measurements.LATENCY_MS);
        assertThat(latency.samples()).isGreaterThanOrEqualTo(11);
        assertThat(latency.min()).isEqualTo(10);
        assertThat(latency.max()).isEqualTo(20);
        assertThat(latency.mean()).isBetween(10.0, 20.0);
        assertThat(latency.p95()).isBetween(18.0, 20.2);
        assertThat(session.quality().get(Measurements.COMMAND_RATE_HZ).mean()).isCloseTo(30, within(1e-9));
        assertThat(session.session().summary().get(Measurements.LATENCY_MS).peak()).isEqualTo(20);
        assertThat(session.alerts()).containsExactly(alert);
        assertThat(session.detectors()).containsExactly("zmq");
        assertThat(session.maxConfidence()).isEqualTo(90);
        assertThat(session.robotId()).isNotBlank();
        assertThat(session.stalls().counted()).isFalse();

        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM sessions")) {
            assertThat(r.getString("end_reason")).isEqualTo("connection_closed");
            assertThat(r.getString("end_kind")).isEqualTo("robot_closed");
            assertThat(r.getLong("started_ms")).isEqualTo(T0.toEpochMilli());
            assertThat(r.getLong("ended_ms")).isEqualTo(T0.plusSeconds(30).toEpochMilli());
            assertThat(r.getDouble("duration_s")).isEqualTo(30.0);
            assertThat(r.getObject("stall_count")).isNull();
        }
        assertThat(ledger.health()).isEqualTo(Health.ok());
    }

    @Test
    void theEnginesStallCountAndWorstGapAreStored() throws Exception {
        ledger = Drive.ledger(file(), clock);
        SessionRecord open = Drive.open("s1", T0, ALICE);
        ledger.onEvent(Drive.started(open, Drive.active(T0, T0, ALICE, 10)));
        TeleopEvent stop = Drive.stopped(open, T0.plusSeconds(30), EndReason.Kind.STALL);
        SessionRecord ended = stop.session();
        ledger.onEvent(TeleopEvent.session(EventType.TELEOPERATION_STOPPED, stop.state(),
                new SessionRecord(ended.id(), ended.start(), ended.end(), ended.duration(), ended.operators(),
                        ended.robotType(), ended.summary(), ended.endReason(), new Stalls(3, 2150.5))));

        LedgerSession session = ledger.session("s1").orElseThrow();
        assertThat(session.stalls()).isEqualTo(new Stalls(3, 2150.5));
        assertThat(session.session().stalls()).isEqualTo(new Stalls(3, 2150.5));
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT stall_count, stall_worst_ms, end_kind FROM sessions")) {
            assertThat(r.getLong("stall_count")).isEqualTo(3);
            assertThat(r.getDouble("stall_worst_ms")).isEqualTo(2150.5);
            assertThat(r.getString("end_kind")).isEqualTo("stall");
        }
    }

    @Test
    void everyEndReasonIsStoredAsItsClassWithItsKindAndDetail() throws Exception {
        ledger = Drive.ledger(file(), clock);
        EndReason.Kind[] kinds = EndReason.Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            Drive.session(ledger, "s" + i, T0.plusSeconds(60L * i), 10, ALICE, kinds[i]);
        }
        List<LedgerSession> sessions = ledger.sessions(SessionQuery.latest(100)).sessions();
        assertThat(sessions).hasSize(kinds.length);
        Map<String, String[]> stored = new HashMap<>();
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, end_reason, end_kind, end_detail FROM sessions")) {
            while (r.next()) {
                stored.put(r.getString(1), new String[] {r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        for (int i = 0; i < kinds.length; i++) {
            EndReason.Kind kind = kinds[i];
            assertThat(stored.get("s" + i)).containsExactly(kind.category(), kind.wireName(), "because " + kind.wireName());
            assertThat(ledger.session("s" + i).orElseThrow().session().endReason().kind()).isEqualTo(kind);
        }
        assertThat(stored.values()).extracting(v -> v[0]).containsOnly("idle", "connection_closed",
                "monitor_stopped", "monitor_crashed");
        assertThat(ledger.counters().sessions()).containsEntry("connection_closed", 4L).containsEntry("idle", 2L);
    }

    @Test
    void theRunningSessionComesFirstAndPagesWalkEverySessionOnce() {
        ledger = Drive.ledger(file(), clock);
        for (int i = 0; i < 25; i++) {
            Drive.session(ledger, String.format("s%02d", i), T0.plusSeconds(100L * i), 50, i % 5 == 0 ? BOB : ALICE,
                    EndReason.Kind.IDLE);
        }
        Instant last = T0.plusSeconds(100L * 25);
        clock.set(last.plusSeconds(7));
        ledger.onEvent(Drive.started(Drive.open("live", last, ALICE), Drive.active(last, last, ALICE, 12)));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SessionPage page = ledger.sessions(new SessionQuery(null, null, null, null, 10, cursor));
            page.sessions().forEach(s -> walked.add(s.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(walked).hasSize(26).doesNotHaveDuplicates().startsWith("live", "s24", "s23").endsWith("s00");
        LedgerSession live = ledger.sessions(SessionQuery.latest(1)).sessions().get(0);
        assertThat(live.session().isOpen()).isTrue();
        assertThat(live.session().duration()).isEqualTo(Duration.ofSeconds(7));

        assertThat(ids(new SessionQuery(null, null, "bob", null, 100, null))).containsExactly("s20", "s15", "s10",
                "s05", "s00");
        assertThat(ids(new SessionQuery(null, null, "10.0.0.8", null, 100, null))).hasSize(5);
        assertThat(ids(new SessionQuery(null, null, null, "xle", 100, null))).isEmpty();
        assertThat(ids(new SessionQuery(null, null, null, "lekiwi", 100, null))).hasSize(26);
        assertThat(ids(new SessionQuery(T0.plusSeconds(100), T0.plusSeconds(300), null, null, 100, null)))
                .containsExactly("s02", "s01");
        assertThat(ids(new SessionQuery(last, null, null, null, 100, null))).containsExactly("live");
    }

    private List<String> ids(SessionQuery query) {
        return ledger.sessions(query).sessions().stream().map(LedgerSession::id).toList();
    }

    @Test
    void usageTotalsGroupByOperatorDayAndRobot() {
        ledger = Drive.ledger(file(), clock);
        Drive.session(ledger, "a1", T0, 60, ALICE, EndReason.Kind.IDLE);
        Drive.session(ledger, "a2", T0.plusSeconds(3600), 60.5, ALICE, EndReason.Kind.OPERATOR_CLOSED);
        Drive.session(ledger, "b1", T0.plus(Duration.ofDays(1)), 30, BOB, EndReason.Kind.IDLE);

        List<UsageTotal> operators = ledger.usage(null, null, UsageGrouping.OPERATOR);
        assertThat(operators).extracting(UsageTotal::key, UsageTotal::label, UsageTotal::sessions, UsageTotal::time)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("10.0.0.7", "alice", 2L, Duration.ofMillis(120_500)),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.8", "bob", 1L, Duration.ofSeconds(30)));
        assertThat(ledger.usage(null, null, UsageGrouping.DAY)).extracting(UsageTotal::key, UsageTotal::sessions)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-12-01", 2L),
                        org.assertj.core.groups.Tuple.tuple("2026-12-02", 1L));
        assertThat(ledger.usage(null, null, UsageGrouping.ROBOT)).singleElement().satisfies(t -> {
            assertThat(t.label()).isEqualTo("lekiwi");
            assertThat(t.sessions()).isEqualTo(3);
        });
        assertThat(ledger.usage(T0.plusSeconds(1), T0.plus(Duration.ofDays(1)), UsageGrouping.OPERATOR))
                .singleElement().satisfies(t -> assertThat(t.sessions()).isEqualTo(1));
    }

    @Test
    void alertsAreJoinedToTheSessionTheyHappenedIn() throws SQLException {
        ledger = Drive.ledger(file(), clock);
        Alert before = new Alert("cpu", "", Severity.WARNING, Alert.State.FIRING, EventType.RESOURCE_WARNING, 95, 90,
                "cpu 95 %", T0.minusSeconds(10));
        ledger.onEvent(TeleopEvent.alert(before, TeleopState.idle("lekiwi", T0.minusSeconds(10))));
        SessionRecord open = Drive.open("s1", T0, ALICE);
        ledger.onEvent(Drive.started(open, Drive.active(T0, T0, ALICE, 10)));
        Alert during = new Alert("low_fps", "front", Severity.WARNING, Alert.State.FIRING, EventType.FPS_WARNING, 9,
                15, "fps 9 below 15", T0.plusSeconds(3));
        Alert resolved = new Alert("low_fps", "front", Severity.WARNING, Alert.State.RESOLVED,
                EventType.ALERT_RESOLVED, Double.NaN, 15, "back to normal", T0.plusSeconds(8));
        ledger.onEvent(TeleopEvent.alert(during, Drive.active(T0.plusSeconds(3), T0, ALICE, 10)));
        ledger.onEvent(TeleopEvent.alert(resolved, Drive.active(T0.plusSeconds(8), T0, ALICE, 10)));
        assertThat(ledger.session("s1").orElseThrow().alerts()).containsExactly(during, resolved);
        ledger.onEvent(Drive.stopped(open, T0.plusSeconds(20), EndReason.Kind.IDLE));

        LedgerSession stored = ledger.session("s1").orElseThrow();
        assertThat(stored.alerts()).containsExactly(during, resolved);
        assertThat(stored.alertsFired()).isEqualTo(1);
        try (Connection c = Drive.jdbc(file()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT rule, session_id FROM alerts ORDER BY at_ms")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1) + "@" + r.getString(2));
            }
            assertThat(rows).containsExactly("cpu@null", "low_fps@s1", "low_fps@s1");
        }
    }

    @Test
    void stoppingTheLedgerEndsTheRunningSessionAsMonitorStopped() {
        ledger = Drive.ledger(file(), clock);
        ledger.onEvent(Drive.started(Drive.open("s1", T0, ALICE), Drive.active(T0, T0, ALICE, 10)));
        clock.set(T0.plusSeconds(42));
        ledger.close();

        ledger = Drive.ledger(file(), clock);
        SessionRecord record = ledger.session("s1").orElseThrow().session();
        assertThat(record.endReason().kind()).isEqualTo(EndReason.Kind.MONITOR_STOPPED);
        assertThat(record.end()).isEqualTo(T0.plusSeconds(42));
        assertThat(record.duration()).isEqualTo(Duration.ofSeconds(42));
    }

    private static long samples(LedgerSession session, String metric) {
        Quality quality = session.quality().get(metric);
        return quality == null ? 0 : quality.samples();
    }
}
