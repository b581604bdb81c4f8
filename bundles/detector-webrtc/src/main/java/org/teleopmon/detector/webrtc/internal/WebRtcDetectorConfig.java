package org.teleopmon.detector.webrtc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor WebRTC detector",
        description = "Sniffs WebRTC calls (STUN/TURN, DTLS, SRTP) through the capture service and measures their "
                + "media. Passive: it never joins a call.")
public @interface WebRtcDetectorConfig {

    @AttributeDefinition(description = "UDP/TCP ports of STUN/TURN servers, comma-separated (the seed's STUN ports). "
            + "TURN ChannelData is only unwrapped on these ports or after a TURN request was seen.")
    String turn_ports() default "3478,3479,5349,19302";

    @AttributeDefinition(description = "TCP ports followed for TURN over TCP and ICE-TCP, comma-separated; "
            + "empty follows no TCP.")
    String tcp_ports() default "3478";

    @AttributeDefinition(description = "Operator names: comma-separated address=name pairs, such as "
            + "10.0.0.7=alice,10.0.0.8=bob.")
    String operators() default "";

    @AttributeDefinition(description = "Sliding window for rates, FPS, bandwidth and recent loss, ms.",
            min = "500", max = "60000")
    long window_ms() default 2000;

    @AttributeDefinition(description = "Media counts as flowing while its last packet is this recent, ms.",
            min = "100", max = "60000")
    long media_timeout_ms() default 1000;

    @AttributeDefinition(description = "A call ends after this long without any packet, ms. ICE consent checks "
            + "come every ~5 s (RFC 7675), so keep it above that.", min = "1000", max = "600000")
    long call_idle_timeout_ms() default 8000;

    @AttributeDefinition(description = "Flows (5-tuples) followed at once; more are counted as refused.",
            min = "4", max = "65536")
    int max_flows() default 256;

    @AttributeDefinition(description = "RTP streams (SSRCs) followed per flow.", min = "2", max = "256")
    int max_streams_per_flow() default 16;

    @AttributeDefinition(description = "Ended calls kept for teleop:webrtc --history.", min = "0", max = "10000")
    int history_size() default 50;

    @AttributeDefinition(description = "Look for browser/Electron processes owning UDP sockets (OSHI) as weak "
            + "corroborating evidence.")
    boolean process_scan_enabled() default true;

    @AttributeDefinition(description = "Process name fragments that count as WebRTC endpoints, comma-separated.")
    String process_names() default "chrome,chromium,firefox,electron,msedge,brave,opera,livekit";

    @AttributeDefinition(description = "How often processes are scanned, s.", min = "1", max = "3600")
    int process_scan_interval_s() default 30;

    @AttributeDefinition(description = "How often timeouts are checked and calls re-grouped, ms.",
            min = "10", max = "5000")
    long tick_ms() default 100;
}
