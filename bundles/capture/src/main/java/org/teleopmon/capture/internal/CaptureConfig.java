package org.teleopmon.capture.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor packet capture",
        description = "The libpcap capture every packet detector reads from. Capture needs libpcap and root "
                + "or CAP_NET_RAW; without them it reports itself unhealthy and retries.")
public @interface CaptureConfig {

    String PID = "org.teleopmon.capture";

    @AttributeDefinition(description = "Capture packets. Off: no libpcap handle is opened, capture reports itself "
            + "switched off, and the detectors that can fall back to the kernel's socket table (ZMQ) do.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Interfaces to capture on, comma-separated. Empty: lo plus every interface "
            + "that is up and has an address, re-read every 10 s.", required = false)
    String[] interfaces() default {};

    @AttributeDefinition(description = "Bytes kept of each frame. The default keeps whole frames even on "
            + "loopback (MTU 65536, 65550-byte frames) and offloaded 64 KiB super-packets; smaller values cut "
            + "payloads and the ZMQ detector sees holes in its streams. Larger values make every kernel ring "
            + "block bigger, so the same buffer holds fewer blocks.",
            min = "128", max = "262144")
    int snap_length() default 65600;

    @AttributeDefinition(description = "Kernel capture buffer per interface, KiB. Larger absorbs bursts "
            + "(camera frames) at the cost of memory.", min = "256", max = "262144")
    int buffer_size_kb() default 8192;

    @AttributeDefinition(description = "Also capture frames not addressed to this machine (needs CAP_NET_ADMIN).")
    boolean promiscuous() default false;

    @AttributeDefinition(description = "How long the kernel may hold packets to hand them over in blocks, seconds "
            + "(whole milliseconds count). Saves a wake-up per packet at camera-stream rates; 0 hands each packet "
            + "over at once.", min = "0", max = "1")
    double batch() default 0.01;

    @AttributeDefinition(description = "First wait before retrying an interface that failed to open, seconds.",
            min = "0.1", max = "600")
    double retry_initial() default 1;

    @AttributeDefinition(description = "Longest wait between retries, seconds; each failure doubles the wait up to "
            + "this.", min = "0.1", max = "3600")
    double retry_max() default 60;

    @AttributeDefinition(description = "Network namespace to capture in: the path of a network-namespace file such "
            + "as /run/netns/robot (ip netns) or /proc/<pid>/ns/net (a container's process). Empty: the monitor's "
            + "own namespace. Only the capture thread enters it, which needs root or CAP_SYS_ADMIN; interfaces "
            + "are then that namespace's.", required = false)
    String netns() default "";
}
