package org.teleopmon.detector.input.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor input-device detector",
        description = "Watches the robot computer's own gamepads, joysticks, Joy-Cons and the teleop keys of its "
                + "keyboards (sysfs and /dev/input). Only counts of teleop keys are kept: never which other key.")
public @interface InputDetectorConfig {

    @AttributeDefinition(description = "Filesystem root under which sys/class/input, sys/class/hidraw, dev/input "
            + "and dev/hidraw* are read; / on a robot, a fake tree in tests. Processes are always those of /proc.")
    String root() default "/";

    @AttributeDefinition(description = "Dead zone of sticks and triggers, as a fraction of the axis' half range "
            + "(of the full range for a trigger): smaller deflections are a pad at rest.", min = "0", max = "0.9")
    double dead_zone() default 0.2;

    @AttributeDefinition(description = "A device whose controls have not changed for this long, and that holds "
            + "nothing, is no longer driven, seconds.", min = "0.1", max = "60")
    double idle_timeout() default 1.5;

    @AttributeDefinition(description = "A pad or joystick counts as driven once it has been in use this long "
            + "(a bump or a single press does not), seconds.", min = "0", max = "60")
    double min_active() default 0.5;

    @AttributeDefinition(description = "Keyboards count only once one teleop key has been held down, "
            + "autorepeating, this long: typing never autorepeats, seconds.", min = "0.1", max = "60")
    double key_hold() default 1.0;

    @AttributeDefinition(description = "A pad control held this long without any other event is a pad lying on "
            + "a button, not driving, seconds.", min = "1", max = "3600")
    double max_hold() default 30;

    @AttributeDefinition(description = "LeKiwi's teleop keys (lerobot keyboard teleop), comma-separated key names.",
            required = false)
    String[] keys_lekiwi() default {"w", "s", "a", "d", "z", "x", "r", "f"};

    @AttributeDefinition(description = "XLeRobot's base teleop keys, comma-separated key names.", required = false)
    String[] keys_xle() default {"i", "k", "j", "l", "u", "o", "n", "m"};

    @AttributeDefinition(description = "Devices to ignore, comma-separated: a device name (any case), "
            + "vendor:product in hex (045e:0b13), a node (event5, js0, hidraw2) or a uniq (a MAC).", required = false)
    String[] ignore() default {};

    @AttributeDefinition(description = "Safety-net rescan of sysfs, seconds; hotplug itself is seen at once "
            + "through inotify on dev/input.", min = "1", max = "3600")
    double rescan() default 10;

    @AttributeDefinition(description = "Slow re-check of which processes hold the devices open, seconds; opening or "
            + "closing a node triggers one at once.", min = "1", max = "3600")
    double consumer_rescan() default 30;

    @AttributeDefinition(description = "Fusion weight (0..100) the engine gives this detector, unless its "
            + "detector.weights names one. 85 lets a pad driven while a process holds it start a session alone.",
            min = "0", max = "100")
    int teleop_detector_weight() default 85;
}
