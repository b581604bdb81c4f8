package org.teleopmon.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events the monitor publishes. {@link #wireName()} is the name clients see (HTTP, WebSocket,
 * shared memory); {@link #topic()} the EventAdmin topic.
 */
public enum EventType {
    STATE_UPDATE("state_update"),
    OPERATOR_CONNECTED("operator_connected"),
    OPERATOR_DISCONNECTED("operator_disconnected"),
    TELEOPERATION_STARTED("teleoperation_started"),
    TELEOPERATION_STOPPED("teleoperation_stopped"),
    LATENCY_WARNING("latency_warning"),
    BANDWIDTH_WARNING("bandwidth_warning"),
    PACKET_LOSS_WARNING("packet_loss_warning"),
    FPS_WARNING("fps_warning"),
    COMMAND_RATE_WARNING("command_rate_warning"),
    RESOURCE_WARNING("resource_warning"),
    SIGNAL_LOST_WARNING("signal_lost_warning"),
    /** A command stall is over: commands stopped for longer than the robot's watchdog ({@link Stall}). */
    TELEOP_STALL("teleop_stall"),
    /** A video stall is over: no frames for longer than the video stall threshold ({@link Stall}). */
    VIDEO_STALL("video_stall"),
    /** Raised by a custom {@link AlertCheck}. */
    ALERT_WARNING("alert_warning"),
    /** A warning's condition has cleared. */
    ALERT_RESOLVED("alert_resolved");

    /** EventAdmin topics are this prefix plus the wire name. */
    public static final String TOPIC_PREFIX = "org/teleopmon/event/";

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return TOPIC_PREFIX + wireName;
    }

    public boolean isWarning() {
        return wireName.endsWith("_warning");
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
