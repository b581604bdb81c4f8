package org.teleopmon.streamer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor streamer",
        description = "Embedded HTTP and WebSocket server: /status, /metrics, /health, /sessions, /sessions/{id}, /usage, /detectors, /alerts, "
                + "/ws and the dashboard at /. Any change restarts the listener; WebSocket clients resume with last_seq.")
public @interface StreamerConfig {

    @AttributeDefinition(description = "TCP port of the HTTP and WebSocket server; 0 picks a free port. "
            + "The WEBSOCKET_PORT environment variable (launcher --websocket-port) wins.", min = "0", max = "65535")
    int port() default 8765;

    @AttributeDefinition(description = "Address to bind. 127.0.0.1 keeps the monitor local; 0.0.0.0 exposes it "
            + "(then set auth.token).")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "Most WebSocket clients at once; one more is closed with code 1013 and the "
            + "reason.", min = "1", max = "10000")
    int max_clients() default 100;

    @AttributeDefinition(description = "Messages that may wait to be sent to one client; a client that falls further "
            + "behind is dropped with close code 1008.", min = "1", max = "100000")
    int send_queue_size() default 256;

    @AttributeDefinition(description = "Bytes that may wait to be sent to one client, replies to its own requests "
            + "included; a client that falls further behind is dropped with close code 1008.", min = "16384",
            max = "67108864")
    int send_queue_bytes() default 1048576;

    @AttributeDefinition(description = "Bytes per second one client may send (averaged over a second, bursts up to "
            + "max.message.size); a client that sends more is closed with code 1008.", min = "1024", max = "67108864")
    int max_input_rate() default 262144;

    @AttributeDefinition(description = "Events kept for clients that reconnect with last_seq; older gaps get a resync.",
            min = "0", max = "100000")
    int replay_buffer_size() default 1000;

    @AttributeDefinition(description = "Largest text message a client may send, bytes; a larger one closes the "
            + "connection with code 1009.", min = "256", max = "1048576")
    int max_message_size() default 65536;

    @AttributeDefinition(description = "Seconds of state metrics kept for the dashboard's charts.", min = "10", max = "3600")
    int history_seconds() default 60;

    @AttributeDefinition(description = "Bearer token required by the API and /ws (Authorization: Bearer, or "
            + "access_token in the query for browsers). Empty: no authentication.", type = AttributeType.PASSWORD)
    String auth_token() default "";

    @AttributeDefinition(description = "Origins browsers may connect from (such as http://robot.local:8765). "
            + "Empty: same origin only. Requests without an Origin header (non-browser clients) are always allowed.")
    String[] allowed_origins() default {};

    @AttributeDefinition(description = "Host names (Host header) served besides localhost and IP addresses, such "
            + "as robot.local. Other names are refused with 421 so that a web page cannot reach the monitor by DNS "
            + "rebinding. Empty while bound to a non-loopback address: any name.")
    String[] allowed_hosts() default {};
}
