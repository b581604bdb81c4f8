package org.teleopmon.export.mqtt.internal;

import org.teleopmon.api.EventType;
import org.teleopmon.api.RobotIdentity;

/** The topics of one robot: {@code <prefix>/<site>/<robot id>/<type>}, {@code .../state}, {@code .../status}. */
record Topics(String base) {

    static Topics of(String prefix, RobotIdentity robot) {
        String first = prefix == null || prefix.isBlank() ? "teleop" : prefix.trim().replaceAll("/+$", "");
        if (first.contains("+") || first.contains("#")) {
            throw new IllegalArgumentException("topic.prefix '" + prefix + "' may not contain the wildcards + or #");
        }
        return new Topics(first + "/" + robot.site() + "/" + robot.robotId());
    }

    String event(EventType type) {
        return type == EventType.STATE_UPDATE ? state() : base + "/" + type.wireName();
    }

    String state() {
        return base + "/state";
    }

    String status() {
        return base + "/status";
    }
}
