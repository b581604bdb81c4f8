package org.teleopmon.capture.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor packet capture",
        description = "The libpcap capture every packet detector reads from. Capture needs libpcap and root "
                + "or CAP_NET_RAW; without them it reports itself unhealthy and retries.")
public @interface CaptureConfig {

    String PID = "org.teleopmon.capture";

    @AttributeDefinition(description = "Interfaces to capture on, separated by commas or spaces. Empty: lo plus "
            + "every interface that is up and has an address, re-read every 10 s.", required = false)
    String[] interfaces() default {};

    @AttributeDefinition(description = "Bytes kept of each frame. Enough for the headers and the start of "
            + "each payload; the ZMQ detector reassembles whole streams, so keep the default.",
            min = "128", max = "262144")
    int snap_length() default 65535;

    @AttributeDefinition(description = "Kernel capture buffer per interface, KiB. Larger absorbs bursts "
            + "(camera frames) at the cost of memory.", min = "256", max = "262144")
    int buffer_size_kb() default 4096;

    @AttributeDefinition(description = "Also capture frames not addressed to this machine (needs CAP_NET_ADMIN).")
    boolean promiscuous() default false;

    @AttributeDefinition(description = "First wait before retrying an interface that failed to open, ms.",
            min = "100", max = "600000")
    long retry_initial_ms() default 1000;

    @AttributeDefinition(description = "Longest wait between retries, ms; each failure doubles the wait up to this.",
            min = "100", max = "3600000")
    long retry_max_ms() default 60000;
}
