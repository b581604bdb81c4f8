package org.teleopmon.detector.webrtc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor WebRTC detector",
        description = "Sniffs WebRTC calls (STUN/TURN, DTLS, SRTP) through the capture service and measures their "
                + "media. Passive: it never joins a call.")
public @interface WebRtcDetectorConfig {

    @AttributeDefinition(description = "UDP/TCP ports of STUN/TURN servers, comma-separated. TURN ChannelData is "
            + "only unwrapped on these ports or after a TURN request was seen.", min = "1", max = "65535",
            required = false)
    int[] turn_ports() default {3478, 3479, 5349, 19302};

    @AttributeDefinition(description = "TCP ports followed for TURN over TCP and ICE-TCP, comma-separated; "
            + "empty follows no TCP.", min = "1", max = "65535", required = false)
    int[] tcp_ports() default {3478};

    @AttributeDefinition(description = "Sliding window for rates, FPS, bandwidth and recent loss, seconds.",
            min = "0.5", max = "60")
    double window() default 2.0;

    @AttributeDefinition(description = "Media counts as flowing while its last packet is this recent, seconds.",
            min = "0.1", max = "60")
    double media_timeout() default 1.0;

    @AttributeDefinition(description = "A call ends after this long without any packet, seconds. ICE consent "
            + "checks come every ~5 s (RFC 7675), so keep it above that.", min = "1", max = "600")
    double call_idle_timeout() default 8.0;

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

    @AttributeDefinition(description = "Process name fragments that count as WebRTC endpoints, comma-separated "
            + "(letter case does not matter).", required = false)
    String[] process_names() default {"chrome", "chromium", "firefox", "electron", "msedge", "brave", "opera",
        "livekit"};

    @AttributeDefinition(description = "How often processes are scanned, seconds (one scan costs ~15 ms of CPU).",
            min = "1", max = "3600")
    double process_scan_interval() default 30;

    @AttributeDefinition(description = "How often timeouts are checked and calls re-grouped, seconds.",
            min = "0.01", max = "5")
    double tick() default 0.1;
}
