package org.teleopmon.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A low-rate fact worth telling clients: a state change, an operator coming or going, an alert.
 * Which of the optional parts is present depends on the {@link #type()}:
 * operator events carry {@link #operator()}, start and stop carry {@link #session()}, warnings
 * carry {@link #alert()}, {@code teleop_stall} and {@code video_stall} carry {@link #stall()}. Every
 * event carries the state at the time it was raised, where the publisher knows it.
 */
public record TeleopEvent(EventType type, Instant timestamp, TeleopState state, OperatorInfo operator,
        SessionRecord session, Alert alert, Stall stall) {

    public TeleopEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** An event without a stall, as before stalls existed. */
    public TeleopEvent(EventType type, Instant timestamp, TeleopState state, OperatorInfo operator,
            SessionRecord session, Alert alert) {
        this(type, timestamp, state, operator, session, alert, null);
    }

    public static TeleopEvent stateUpdate(TeleopState state) {
        return new TeleopEvent(EventType.STATE_UPDATE, state.timestamp(), state, null, null, null);
    }

    public static TeleopEvent operator(EventType type, TeleopState state, OperatorInfo operator) {
        return new TeleopEvent(type, state.timestamp(), state, operator, null, null);
    }

    public static TeleopEvent session(EventType type, TeleopState state, SessionRecord session) {
        return new TeleopEvent(type, state.timestamp(), state, null, session, null);
    }

    public static TeleopEvent alert(Alert alert, TeleopState state) {
        return new TeleopEvent(alert.eventType(), alert.timestamp(), state, null, null, alert);
    }

    /** A stall that is over, told at its end. */
    public static TeleopEvent stall(Stall stall, TeleopState state) {
        return new TeleopEvent(stall.kind().eventType(), stall.ended(), state, null, null, null, stall);
    }
}
