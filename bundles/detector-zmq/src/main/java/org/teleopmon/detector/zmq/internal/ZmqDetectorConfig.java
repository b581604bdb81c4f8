package org.teleopmon.detector.zmq.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Teleop Monitor ZMQ detector",
        description = "Sniffs LeKiwi / XLeRobot ZMQ (ZMTP) teleoperation traffic through the capture service. "
                + "It never connects to the robot's sockets.")
public @interface ZmqDetectorConfig {

    @AttributeDefinition(description = "Robot profile used until the traffic itself tells (ROBOT_TYPE).",
            options = {@Option(label = "LeKiwi", value = "lekiwi"), @Option(label = "XLeRobot", value = "xle")})
    String robot_type() default "lekiwi";

    @AttributeDefinition(description = "TCP port of the robot's command socket (PULL, operator pushes).",
            min = "1", max = "65535")
    int command_port() default 5555;

    @AttributeDefinition(description = "TCP port of the robot's observation socket (PUSH to the operator).",
            min = "1", max = "65535")
    int observation_port() default 5556;

    @AttributeDefinition(description = "Other TCP ports carrying ZMTP, comma-separated (telemetry, third-party "
            + "transports).")
    String extra_ports() default "5557,5558";

    @AttributeDefinition(description = "Operator names: comma-separated address=name or operator-id=name pairs, "
            + "such as 10.0.0.7=alice,10.0.0.8=bob.")
    String operators() default "";

    @AttributeDefinition(description = "No command for this long trips the robot's watchdog (the base stops), ms.",
            min = "50", max = "60000")
    long watchdog_ms() default 500;

    @AttributeDefinition(description = "No traffic for this long ends the session and the operator's presence, ms.",
            min = "100", max = "600000")
    long silence_timeout_ms() default 2000;

    @AttributeDefinition(description = "A command rate below this is reported as degraded, Hz.", min = "0", max = "1000")
    double min_command_rate_hz() default 15;

    @AttributeDefinition(description = "Sliding window for rates, bandwidth and gaps, ms.", min = "200", max = "60000")
    long window_ms() default 2000;

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

    @AttributeDefinition(description = "How long an out-of-order segment waits for the missing bytes, ms.",
            min = "1", max = "10000")
    long reorder_ms() default 250;

    @AttributeDefinition(description = "How often silence and the watchdog are checked, ms.", min = "10", max = "5000")
    long tick_ms() default 100;

    @AttributeDefinition(description = "Subscribe (JeroMQ SUB) to a robot's telemetry PUB socket. "
            + "Safe: a PUB socket copies to every subscriber. Off by default.")
    boolean telemetry_enabled() default false;

    @AttributeDefinition(description = "The telemetry PUB endpoint to subscribe to.")
    String telemetry_endpoint() default "tcp://127.0.0.1:5558";
}
