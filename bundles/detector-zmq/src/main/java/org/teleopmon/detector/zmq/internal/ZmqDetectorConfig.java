package org.teleopmon.detector.zmq.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Teleop Monitor ZMQ detector",
        description = "Sniffs LeKiwi / XLeRobot ZMQ (ZMTP) teleoperation traffic through the capture service. "
                + "It never connects to the robot's sockets.")
public @interface ZmqDetectorConfig {

    @AttributeDefinition(description = "Robot profile used until the traffic itself tells. The ROBOT_TYPE "
            + "environment variable (launcher --robot-type) wins.",
            options = {@Option(label = "LeKiwi", value = "lekiwi"), @Option(label = "XLeRobot", value = "xle")})
    String robot_type() default "lekiwi";

    @AttributeDefinition(description = "TCP port of the robot's command socket (PULL, operator pushes).",
            min = "1", max = "65535")
    int command_port() default 5555;

    @AttributeDefinition(description = "TCP port of the robot's observation socket (PUSH to the operator).",
            min = "1", max = "65535")
    int observation_port() default 5556;

    @AttributeDefinition(description = "Other TCP ports carrying ZMTP, comma-separated (telemetry, third-party "
            + "transports); empty for none.", min = "1", max = "65535", required = false)
    int[] extra_ports() default {5557, 5558};

    @AttributeDefinition(description = "No command for this long trips the robot's watchdog (the base stops), "
            + "seconds.", min = "0.05", max = "60")
    double watchdog() default 0.5;

    @AttributeDefinition(description = "No traffic for this long ends the session and the operator's presence, "
            + "seconds.", min = "0.1", max = "600")
    double silence_timeout() default 2.0;

    @AttributeDefinition(description = "A command rate below this is reported as degraded, Hz.", min = "0", max = "1000")
    double min_command_rate_hz() default 15;

    @AttributeDefinition(description = "Sliding window for rates, bandwidth and gaps, seconds.", min = "0.2",
            max = "60")
    double window() default 2.0;

    @AttributeDefinition(description = "Connections followed at once; the least recently active is dropped beyond.",
            min = "1", max = "4096")
    int max_connections() default 64;

    @AttributeDefinition(description = "Bytes of each message's first frame kept to classify it.",
            min = "256", max = "65536")
    int peek_bytes() default 4096;

    @AttributeDefinition(description = "A frame claiming more bytes than this is malformed.", min = "1024",
            max = "1073741824")
    long max_frame_bytes() default 67108864;

    @AttributeDefinition(description = "A command message larger than this is malformed.", min = "256",
            max = "16777216")
    long max_command_bytes() default 65536;

    @AttributeDefinition(description = "Out-of-order bytes held per direction before giving up on a gap.",
            min = "4096", max = "67108864")
    int reorder_bytes() default 1048576;

    @AttributeDefinition(description = "How long an out-of-order segment waits for the missing bytes, seconds.",
            min = "0.001", max = "10")
    double reorder() default 0.25;

    @AttributeDefinition(description = "How often silence and the watchdog are checked, seconds.", min = "0.01",
            max = "5")
    double tick() default 0.1;

    @AttributeDefinition(description = "Subscribe (JeroMQ SUB) to a robot's telemetry PUB socket. "
            + "Safe: a PUB socket copies to every subscriber. Off by default.")
    boolean telemetry_enabled() default false;

    @AttributeDefinition(description = "The telemetry PUB endpoint to subscribe to.")
    String telemetry_endpoint() default "tcp://127.0.0.1:5558";
}
