package org.teleopmon.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a teleoperation session ended, and when it really did.
 *
 * <p>A detector that sees teleoperation end for a reason — the operator's connection closed, the call
 * ended, the device was unplugged — puts one in its signal ({@link DetectorSignal#ended()}); the engine
 * then ends the session at once instead of waiting out its hold time. A session whose evidence simply
 * faded ends after the hold with {@link Kind#IDLE}.
 *
 * @param kind   what ended it
 * @param detail one sentence for people, e.g. "robot host closed the command connection (FIN)"
 * @param at     when teleoperation really ended (the last command, the last media), which becomes the
 *               session's end; {@code null} means the moment the reason was seen
 */
public record EndReason(Kind kind, String detail, Instant at) {

    /** The kinds, with the name clients see and the coarse class a usage ledger keeps. */
    public enum Kind {
        /** The evidence faded and stayed below the lower threshold for the hold time. */
        IDLE("idle", "idle"),
        /** The operator's side closed or reset the connection first. */
        OPERATOR_CLOSED("operator_closed", "connection_closed"),
        /** The robot's side closed or reset the connection first (e.g. the host's lifetime ran out). */
        ROBOT_CLOSED("robot_closed", "connection_closed"),
        /** A WebRTC call ended (DTLS close_notify, consent checks stopped). */
        CALL_ENDED("call_ended", "connection_closed"),
        /** The input device that carried the session went away. */
        DEVICE_GONE("device_gone", "connection_closed"),
        /** Commands stopped for longer than the hold time while the connection stayed open. */
        STALL("stall", "idle"),
        /** The monitor (or its engine) was stopped during the session. */
        MONITOR_STOPPED("monitor_stopped", "monitor_stopped"),
        /** The monitor died during the session; found on its next start. */
        MONITOR_CRASHED("monitor_crashed", "monitor_crashed");

        private final String wireName;
        private final String category;

        Kind(String wireName, String category) {
            this.wireName = wireName;
            this.category = category;
        }

        public String wireName() {
            return wireName;
        }

        /** One of {@code idle}, {@code connection_closed}, {@code monitor_stopped}, {@code monitor_crashed}. */
        public String category() {
            return category;
        }

        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
        }
    }

    public EndReason {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    public static EndReason of(Kind kind, String detail) {
        return new EndReason(kind, detail, null);
    }

    public static EndReason of(Kind kind, String detail, Instant at) {
        return new EndReason(kind, detail, at);
    }
}
