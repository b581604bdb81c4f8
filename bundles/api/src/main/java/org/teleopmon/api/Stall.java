package org.teleopmon.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One stall during a session, told once when it is over: the operator's commands (or the video's
 * frames) stopped for longer than the robot tolerates, then resumed or the session ended.
 *
 * @param kind      what stopped
 * @param detector  the detector whose signal showed it
 * @param started   the last command (or frame) before the gap
 * @param ended     the first one after it, or the session's end when none came
 * @param threshold the gap beyond which it counts as a stall (the robot's watchdog for commands)
 * @param sessionId the session it happened in, or {@code null} when none was open
 */
public record Stall(Kind kind, String detector, Instant started, Instant ended, Duration threshold,
        String sessionId) {

    /** What stopped, with the event clients see for it. */
    public enum Kind {
        /** Operator commands: the base's watchdog stops the robot. */
        COMMAND("command", EventType.TELEOP_STALL),
        /** Video frames: the operator drives blind. */
        VIDEO("video", EventType.VIDEO_STALL);

        private final String wireName;
        private final EventType eventType;

        Kind(String wireName, EventType eventType) {
            this.wireName = wireName;
            this.eventType = eventType;
        }

        public String wireName() {
            return wireName;
        }

        public EventType eventType() {
            return eventType;
        }
    }

    public Stall {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(threshold, "threshold");
        if (ended.isBefore(started)) {
            throw new IllegalArgumentException("a stall cannot end (" + ended + ") before it started (" + started + ")");
        }
    }

    /** How long nothing came. */
    public Duration duration() {
        return Duration.between(started, ended);
    }
}
