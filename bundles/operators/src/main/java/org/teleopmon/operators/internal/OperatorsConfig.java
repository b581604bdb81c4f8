package org.teleopmon.operators.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor operator directory",
        description = "Names for the people who teleoperate, by how the detectors see them. The engine gives every "
                + "operator any detector reports the name configured here, so one person has one name.")
public @interface OperatorsConfig {

    @AttributeDefinition(description = "Entries 'identity = name', comma-separated. An identity is an address "
            + "(192.168.1.20) or a network (192.168.1.0/24), mac:<Bluetooth MAC>, usb:<USB serial>, "
            + "device:<input device name> or an operator id the messages carry. An exact identity wins over a "
            + "network, and the narrowest network over wider ones.", required = false)
    String[] entries() default {};
}
