package org.teleopmon.robot.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor robot identity",
        description = "Who this monitor speaks for. Every export (MQTT topics, the usage ledger, the Prometheus "
                + "info metric) uses these, so a fleet's records line up by robot. Letters, digits, '.', '_' and '-' only.")
public @interface RobotConfig {

    @AttributeDefinition(name = "Robot id", description = "This robot's id, unique within its site. Empty: the host "
            + "name (lower case, other characters replaced by '-'). The ROBOT_ID environment variable "
            + "(launcher --robot-id) wins.", required = false)
    String robot_id() default "";

    @AttributeDefinition(name = "Site", description = "The site (lab, school, building) the robot belongs to. The "
            + "ROBOT_SITE environment variable (launcher --site) wins.", required = false)
    String site() default "default";
}
