package org.teleopmon.shm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Teleop Monitor shared memory",
        description = "Publishes the state (seqlock region <directory>/<namespace>-state) and every event "
                + "(telemetry ring <directory>/<namespace>-ring) for other processes on this machine.")
public @interface ShmConfig {

    @AttributeDefinition(description = "Name prefix of the files: letters, digits, '.', '_', '-'. The SHM_NAMESPACE "
            + "environment variable wins.")
    String namespace() default "teleoperation";

    @AttributeDefinition(description = "Directory of the files; a tmpfs such as /dev/shm keeps them in memory.")
    String directory() default "/dev/shm";

    @AttributeDefinition(description = "Telemetry ring capacity in bytes, a power of two. "
            + "The largest record payload is capacity/8 - 16 bytes.",
            min = "1024", max = "1073741824")
    int buffer_size() default 65536;

    @AttributeDefinition(description = "Operator slots in the state region; further operators are counted, not listed.",
            min = "0", max = "64")
    int operator_slots() default 8;

    @AttributeDefinition(description = "Writer heartbeat and state refresh period, seconds. Readers call the "
            + "writer gone after three missed heartbeats (at least one second).", min = "0.01", max = "10")
    double update_interval() default 0.1;

    @AttributeDefinition(description = "Permissions of the files: owner only, or owner and group (readers in the "
            + "monitor's group).", options = {
                @Option(label = "owner read/write (0600)", value = "0600"),
                @Option(label = "owner read/write, group read (0640)", value = "0640")
            })
    String file_mode() default "0600";

    @AttributeDefinition(description = "Delete the files when the bundle stops (readers still attached see the "
            + "writer as stopped). When false they stay, marked stopped.")
    boolean remove_on_stop() default true;
}
