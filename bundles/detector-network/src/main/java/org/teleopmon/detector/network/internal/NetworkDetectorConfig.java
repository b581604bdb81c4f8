package org.teleopmon.detector.network.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor network detector",
        description = "Classifies flows by their shape (rate, sizes, periodicity, direction, peer): XLeVR over a TLS "
                + "WebSocket, the web_control Socket.IO UI, video and control flows, and the teleop pattern of both "
                + "with one peer. UDP and the VR/web_control ports come from the capture service, other TCP "
                + "connections from the kernel's socket table. It never connects to anything.")
public @interface NetworkDetectorConfig {

    @AttributeDefinition(description = "TCP ports of the robot's VR (XLeVR) secure WebSocket, comma-separated.",
            min = "1", max = "65535")
    int[] vr_ports() default {8442};

    @AttributeDefinition(description = "TCP ports of the robot's web_control UI (Socket.IO over plain WebSocket), "
            + "comma-separated.", min = "1", max = "65535")
    int[] web_ports() default {8000};

    @AttributeDefinition(description = "Path prefix of the Socket.IO WebSocket upgrade request.")
    String web_path() default "/socket.io/";

    @AttributeDefinition(description = "Socket.IO event names that are operator commands, comma-separated.")
    String[] web_command_events() default {"command"};

    @AttributeDefinition(description = "Ports of transports another detector decodes (ZMQ, STUN/TURN), "
            + "comma-separated: a teleop pattern on them only corroborates that detector.", min = "1",
            max = "65535", required = false)
    int[] known_ports() default {5555, 5556, 5557, 5558, 3478, 3479, 5349, 19302};

    @AttributeDefinition(description = "Sliding window for rates, sizes and bitrates, seconds.", min = "0.5",
            max = "30")
    double window() default 2.0;

    @AttributeDefinition(description = "How often flows are classified and aged out, seconds.", min = "0.02",
            max = "5")
    double tick() default 0.1;

    @AttributeDefinition(description = "Teleop messages (VR records, commands) this old no longer count as "
            + "activity, seconds.", min = "0.2", max = "60")
    double silence_timeout() default 2.0;

    @AttributeDefinition(description = "A flow without packets for this long is forgotten, seconds.", min = "1",
            max = "3600")
    double flow_idle_timeout() default 30;

    @AttributeDefinition(description = "Flows followed at once (each costs about 1 KB, allocated at start). When "
            + "full, the least recently active flow that has not proved itself gives way.", min = "64",
            max = "65536")
    int max_flows() default 2048;

    @AttributeDefinition(description = "Packets closer than this belong to one burst (a video frame), seconds.",
            min = "0.0005", max = "0.05")
    double burst_gap() default 0.004;

    @AttributeDefinition(description = "VR: least upstream record rate, Hz.", min = "1", max = "1000")
    double vr_min_rate_hz() default 60;

    @AttributeDefinition(description = "VR: greatest upstream record rate, Hz.", min = "1", max = "1000")
    double vr_max_rate_hz() default 120;

    @AttributeDefinition(description = "VR: greatest jitter of the upstream record intervals (mean deviation from "
            + "the mean interval), percent of the interval.", min = "1", max = "100")
    double vr_max_jitter_percent() default 60;

    @AttributeDefinition(description = "VR: largest mean upstream record, bytes.", min = "64", max = "65536")
    int vr_max_record_bytes() default 4096;

    @AttributeDefinition(description = "VR: most downstream traffic (the headset gets no video), Mbit/s.",
            min = "0", max = "1000")
    double vr_max_downstream_mbps() default 0.5;

    @AttributeDefinition(description = "Video: least sustained bitrate in one direction, Mbit/s.", min = "0.01",
            max = "10000")
    double video_min_mbps() default 1.0;

    @AttributeDefinition(description = "Video: least mean packet size, bytes.", min = "64", max = "65536")
    int video_min_packet_bytes() default 500;

    @AttributeDefinition(description = "Video: least frame (burst) rate, Hz.", min = "0.5", max = "1000")
    double video_min_fps() default 5;

    @AttributeDefinition(description = "Video: greatest frame (burst) rate, Hz.", min = "1", max = "1000")
    double video_max_fps() default 120;

    @AttributeDefinition(description = "Video: greatest jitter of the frame (burst) intervals, percent of the "
            + "interval.", min = "1", max = "200")
    double video_max_jitter_percent() default 60;

    @AttributeDefinition(description = "Control: least message rate, Hz.", min = "0.5", max = "1000")
    double control_min_rate_hz() default 10;

    @AttributeDefinition(description = "Control: greatest message rate, Hz.", min = "1", max = "1000")
    double control_max_rate_hz() default 100;

    @AttributeDefinition(description = "Control: largest mean message, bytes.", min = "16", max = "65536")
    int control_max_packet_bytes() default 1024;

    @AttributeDefinition(description = "Control: greatest jitter of the message intervals (from the socket table: "
            + "of the per-poll rate), percent.", min = "1", max = "200")
    double control_max_jitter_percent() default 35;

    @AttributeDefinition(description = "Control: most messages coming back per message sent, percent: commands are "
            + "not answered one by one, polls, DNS, NTP and typed-and-echoed keys are.", min = "0", max = "1000")
    double control_max_reply_percent() default 50;

    @AttributeDefinition(description = "Weight of this detector in the engine's fusion, 0..100.", min = "0",
            max = "100")
    int teleop_detector_weight() default 85;
}
