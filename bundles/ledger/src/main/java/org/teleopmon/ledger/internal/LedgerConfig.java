package org.teleopmon.ledger.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor usage ledger",
        description = "Records every teleoperation session, its operators, quality and alerts in a SQLite file "
                + "that other processes may read while the monitor writes it (docs/ledger.md).")
public @interface LedgerConfig {

    @AttributeDefinition(description = "The SQLite file. A relative path is under the Karaf data directory (data/).")
    String path() default "ledger/usage.db";

    @AttributeDefinition(description = "Ended sessions and alerts older than this many days are deleted, a few "
            + "hundred rows at a time; 0 keeps everything.", min = "0", max = "36500")
    int retention_days() default 365;

    @AttributeDefinition(description = "How often the running session's row is written, seconds: a monitor that is "
            + "killed loses at most this much of the session.", min = "0.1", max = "1")
    double heartbeat_interval() default 0.5;

    @AttributeDefinition(description = "Rows deleted per retention step; heartbeats run between steps.",
            min = "10", max = "100000")
    int retention_batch() default 500;
}
