package org.teleopmon.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who this monitor speaks for: the robot's id and its site, configured once (PID
 * {@code org.teleopmon.robot}, environment variables {@code ROBOT_ID} and {@code ROBOT_SITE}) and
 * used by every export (MQTT topics, the usage ledger, the Prometheus info metric), so that a fleet's
 * records line up by robot.
 *
 * <p>Both values are non-empty and made only of letters, digits, {@code .}, {@code _} and {@code -},
 * so they can be an MQTT topic level, a Prometheus label value, a file name or a database key as they
 * are. The robot id defaults to the host name (lower case, other characters replaced by {@code -}).
 */
@ProviderType
public interface RobotIdentity {

    /** This robot's id, unique within its site; by default the host name. */
    String robotId();

    /** The site (lab, school, building) the robot belongs to. */
    String site();
}
