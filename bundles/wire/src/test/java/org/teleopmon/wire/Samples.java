package org.teleopmon.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.Alert;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Severity;
import org.teleopmon.api.Silence;
import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionOperator;
import org.teleopmon.api.usage.Stalls;
import org.teleopmon.api.usage.UsageTotal;

/**
 * One real record of each kind, by the name docs/wire.md gives its example and the golden file its
 * name: a LeKiwi session driven by alice from 10.0.0.7 at 2025-11-25T02:00:00.123Z.
 */
final class Samples {

    static final Instant NOW = Instant.ofEpochMilli(1_764_036_000_123L);
    static final Instant START = NOW.minusSeconds(5);

    static final Operator ALICE = new Operator("10.0.0.7", "alice", IdentitySource.NETWORK_PEER, "zmq 5555");
    static final OperatorInfo ALICE_INFO = new OperatorInfo(ALICE, START, NOW, Set.of("zmq", "webrtc"));
    static final TeleopState STATE = new TeleopState(true, List.of(ALICE_INFO), 87, START, Duration.ofSeconds(5),
            "lekiwi", Map.of(Measurements.LATENCY_MS, new Reading(12.5, "zmq", NOW),
                    Measurements.COMMAND_RATE_HZ, new Reading(30.0, "zmq", NOW)), NOW);
    static final TeleopState IDLE = TeleopState.idle("lekiwi", NOW);
    static final SessionRecord OPEN = new SessionRecord("20251125T015955.123Z-1", START, null,
            Duration.ofSeconds(5), List.of(ALICE), "lekiwi",
            Map.of(Measurements.LATENCY_MS, new SessionRecord.Figures(11.8, 25.0, 150)));
    static final SessionRecord ENDED = new SessionRecord("20251125T015955.123Z-1", START, NOW.plusSeconds(25),
            Duration.ofSeconds(30), List.of(ALICE), "lekiwi",
            Map.of(Measurements.LATENCY_MS, new SessionRecord.Figures(12.1, 31.5, 900),
                    Measurements.COMMAND_RATE_HZ, new SessionRecord.Figures(29.9, 31.0, 900)),
            EndReason.of(EndReason.Kind.ROBOT_CLOSED,
                    "robot host closed the command connection after 30 s; see connection_time_s", NOW.plusSeconds(25)),
            new Stalls(1, 640.0));
    static final Stall COMMAND_STALL = new Stall(Stall.Kind.COMMAND, "zmq", NOW.minusMillis(640), NOW,
            Duration.ofMillis(500), OPEN.id());
    static final Stall VIDEO_STALL = new Stall(Stall.Kind.VIDEO, "webrtc", NOW.minusMillis(2100), NOW,
            Duration.ofSeconds(1), OPEN.id());
    static final Alert FIRING = new Alert("high_latency", "", Severity.WARNING, Alert.State.FIRING,
            EventType.LATENCY_WARNING, 150.0, 100.0, "latency 150 ms above 100 ms", NOW);
    static final Alert RESOLVED = new Alert("low_fps", "front", Severity.WARNING, Alert.State.RESOLVED,
            EventType.ALERT_RESOLVED, Double.NaN, 15.0, "back to normal: low_fps front", NOW);
    static final Silence SILENCE = new Silence("low_fps", "front", NOW.plus(Duration.ofMinutes(10)));
    static final DetectorStatus DETECTOR = new DetectorStatus("zmq", true, 90, 90, Health.ok(), NOW, 1520,
            "LeKiwi commands at 30.1 Hz from 10.0.0.7", Map.of(Measurements.COMMAND_RATE_HZ, 30.1,
                    "command_gap_max_ms", 41.5, "watchdog_tripped", 0.0));
    /** A ZMQ connection row as the detector's details() gives it; a NaN stands for "not measured". */
    static final Map<String, Object> CONNECTION = connection();
    static final Health HEALTH = Health.warn("no packets on lo for 30 s");
    static final MetricSummary SUMMARY = new MetricSummary("latency_ms", Map.of("detector", "zmq"),
            Duration.ofSeconds(60), 1800, 4.2, 31.5, 12.1, 11.0, 22.4, 29.8, 12.5, 30.0);
    static final MetricSummary EMPTY_SUMMARY = new MetricSummary("fps", Map.of(), Duration.ofSeconds(60), 0,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0);
    static final MonitorStats STATS = new MonitorStats(15234, 2, Duration.ofMillis(3_600_250),
            Map.of("zmq", 15000L, "webrtc", 234L), 1);

    static final SessionOperator ALICE_SEEN = new SessionOperator(ALICE, START.minusSeconds(2), NOW.plusSeconds(25));
    static final LedgerSession LEDGER_SESSION = new LedgerSession(ENDED, "lekiwi-lab-1", 92, List.of("zmq"),
            Map.of(Measurements.LATENCY_MS, new Quality(12.1, 4.2, 31.5, 22.4, 900),
                    Measurements.COMMAND_RATE_HZ, new Quality(29.9, 27.0, 31.0, 30.6, 900)),
            new Stalls(1, 640.0), List.of(ALICE_SEEN), List.of(FIRING));
    static final UsageTotal USAGE_TOTAL = new UsageTotal("10.0.0.7", "alice", 3, Duration.ofSeconds(95),
            Map.of(Measurements.LATENCY_MS, 12.3, Measurements.COMMAND_RATE_HZ, 29.8));

    private Samples() {
    }

    private static Map<String, Object> connection() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("client", "10.0.0.7:50122");
        row.put("port", 5555);
        row.put("role", "command");
        row.put("messages_to_robot", 1520L);
        row.put("idle_ms", 12L);
        row.put("rtt_ms", Double.NaN);
        return row;
    }

    /** Every sample, by name, in the order docs/wire.md shows them. */
    static Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("state", STATE);
        all.put("state-idle", IDLE);
        all.put("operator", ALICE_INFO);
        all.put("session-operator", ALICE);
        all.put("session", ENDED);
        all.put("session-open", OPEN);
        all.put("alert", FIRING);
        all.put("alert-resolved", RESOLVED);
        all.put("silence", SILENCE);
        all.put("detector", DETECTOR);
        all.put("detector-entry", Wire.detector(DETECTOR, List.of(CONNECTION), 3));
        all.put("detector-update", Wire.detectorUpdate(List.of(Wire.detector(DETECTOR, List.of(CONNECTION), 3)), 20));
        all.put("health", HEALTH);
        all.put("summary", SUMMARY);
        all.put("summary-empty", EMPTY_SUMMARY);
        all.put("stats", STATS);
        all.put("ledger-session", LEDGER_SESSION);
        all.put("ledger-operator", ALICE_SEEN);
        all.put("usage-total", USAGE_TOTAL);
        all.put("event-state_update", TeleopEvent.stateUpdate(STATE));
        all.put("event-operator_connected", TeleopEvent.operator(EventType.OPERATOR_CONNECTED, STATE, ALICE_INFO));
        all.put("event-teleoperation_started", TeleopEvent.session(EventType.TELEOPERATION_STARTED, STATE, OPEN));
        all.put("event-teleoperation_stopped", TeleopEvent.session(EventType.TELEOPERATION_STOPPED,
                TeleopState.idle("lekiwi", ENDED.end()), ENDED));
        all.put("event-latency_warning", TeleopEvent.alert(FIRING, STATE));
        all.put("event-alert_resolved", TeleopEvent.alert(RESOLVED, STATE));
        all.put("event-teleop_stall", TeleopEvent.stall(COMMAND_STALL, STATE));
        all.put("event-video_stall", TeleopEvent.stall(VIDEO_STALL, STATE));
        return all;
    }

    /** A numbered message as the WebSocket sends it. */
    static String message() {
        return Wire.message("latency_warning", 42, NOW, Wire.eventData(TeleopEvent.alert(FIRING, STATE)));
    }
}
