package org.teleopmon.ledger.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;

/** Sessions told to a ledger the way the engine tells them: started, state updates, stopped. */
final class Drive {

    static final Operator ALICE = new Operator("10.0.0.7", "alice", IdentitySource.NETWORK_PEER, "zmq 5555");
    static final Operator BOB = new Operator("10.0.0.8", "bob", IdentitySource.NETWORK_PEER, "zmq 5555");

    private Drive() {
    }

    static Ledger ledger(Path file, Clock clock) {
        return Ledger.start(new Settings(file, Duration.ofDays(365), Duration.ofMillis(100), 500), clock, () -> null,
                () -> null);
    }

    static TeleopState active(Instant now, Instant start, Operator operator, double latencyMs) {
        OperatorInfo info = new OperatorInfo(operator, start, now, Set.of("zmq"));
        return new TeleopState(true, List.of(info), 90, start, Duration.between(start, now), "lekiwi",
                Map.of(Measurements.LATENCY_MS, new Reading(latencyMs, "zmq", now),
                        Measurements.COMMAND_RATE_HZ, new Reading(30, "zmq", now)), now);
    }

    static SessionRecord open(String id, Instant start, Operator... operators) {
        return new SessionRecord(id, start, null, Duration.ZERO, List.of(operators), "lekiwi", Map.of());
    }

    static TeleopEvent started(SessionRecord open, TeleopState state) {
        return TeleopEvent.session(EventType.TELEOPERATION_STARTED, state, open);
    }

    static TeleopEvent stopped(SessionRecord open, Instant end, EndReason.Kind kind) {
        SessionRecord ended = new SessionRecord(open.id(), open.start(), end, Duration.between(open.start(), end),
                open.operators(), open.robotType(), open.summary(), EndReason.of(kind, "because " + kind.wireName(), end));
        return TeleopEvent.session(EventType.TELEOPERATION_STOPPED, TeleopState.idle("lekiwi", end), ended);
    }

    /** A whole session of {@code seconds}, told at once (no heartbeat in between: no quality samples). */
    static SessionRecord session(Ledger ledger, String id, Instant start, double seconds, Operator operator,
            EndReason.Kind kind) {
        SessionRecord open = open(id, start, operator);
        ledger.onEvent(started(open, active(start, start, operator, 10)));
        ledger.onEvent(stopped(open, start.plusMillis(Math.round(seconds * 1000)), kind));
        return open;
    }

    static Connection jdbc(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
