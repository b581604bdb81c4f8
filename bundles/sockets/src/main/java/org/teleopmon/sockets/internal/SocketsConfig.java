package org.teleopmon.sockets.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor socket table",
        description = "Reads the kernel's socket table (netlink sock_diag, what 'ss -ti' reads) for the detectors "
                + "that ask for it: TCP state, round-trip times, retransmissions and counters of each connection. "
                + "Needs neither root nor libpcap.")
public @interface SocketsConfig {

    String PID = "org.teleopmon.sockets";

    @AttributeDefinition(description = "Time between two readings of the table, seconds.", min = "0.01", max = "60")
    double poll_interval() default 1.0;

    @AttributeDefinition(description = "Time between two readings while a teleoperation session is active, seconds: "
            + "how soon a closed connection or a stalled counter is seen without packet capture.",
            min = "0.01", max = "60")
    double session_poll_interval() default 0.1;

    @AttributeDefinition(description = "Find the process holding each socket (by its inode in /proc/<pid>/fd). "
            + "Without root only the monitor user's own processes are found.")
    boolean process_owners() default true;
}
