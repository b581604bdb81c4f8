package org.teleopmon.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The engine's configuration, PID {@code org.teleopmon.engine}; every key is live-reloaded. */
@ObjectClassDefinition(name = "Teleop Monitor engine",
        description = "Fuses detector signals into the teleoperation state, with hysteresis, operators and sessions.")
public @interface EngineConfig {

    @AttributeDefinition(description = "Robot type in force unless a detector recognises another. The ROBOT_TYPE "
            + "environment variable (launcher --robot-type) wins.",
            options = {@Option(label = "LeKiwi", value = "lekiwi"), @Option(label = "XLeRobot", value = "xle")})
    String robot_type() default "lekiwi";

    @AttributeDefinition(description = "Fused confidence (0..100) at or above which teleoperation starts.",
            min = "1", max = "100")
    int confidence_threshold() default 70;

    @AttributeDefinition(description = "Fused confidence below which an active session starts to end; "
            + "capped at confidence.threshold.", min = "0", max = "100")
    int lower_threshold() default 40;

    @AttributeDefinition(description = "Seconds the confidence must stay below lower.threshold before the session "
            + "ends; also how long an operator stays after the last sighting. Bridges stalls and jitter.",
            min = "0", max = "3600")
    double hold_time() default 2.0;

    @AttributeDefinition(description = "Seconds between polls of every detector (ageing and timeouts only; "
            + "pushed signals are evaluated at once).", min = "0.01", max = "60")
    double detection_interval() default 0.1;

    @AttributeDefinition(description = "Least seconds between two state_update events while the state changes.",
            min = "0.05", max = "3600")
    double update_interval() default 0.5;

    @AttributeDefinition(description = "Seconds after which a detector whose view has not been renewed stops "
            + "contributing and is shown as silent.", min = "0.1", max = "3600")
    double silence_timeout() default 5.0;

    @AttributeDefinition(description = "Per-detector fusion weights 0..100 as name=weight, comma-separated (for "
            + "example zmq=90, webrtc=80), overriding the detector's teleop.detector.weight service property.")
    String[] detector_weights() default {};

    @AttributeDefinition(description = "Seconds without an operator command, during a session, that make a command "
            + "stall (teleop_stall event, command_stall alert): the robot's base watchdog, 0.5 s on LeKiwi and "
            + "XLeRobot.", min = "0.01", max = "3600")
    double stall_threshold() default 0.5;

    @AttributeDefinition(description = "Seconds a flowing video may show no frames (frame rate zero), during a "
            + "session, before it counts as a video stall (video_stall event).", min = "0.01", max = "3600")
    double video_stall_threshold() default 1.0;

    @AttributeDefinition(description = "How many ended sessions are kept in memory.", min = "1", max = "100000")
    int session_history() default 100;
}
