package org.teleopmon.sockets.internal;

/**
 * The sockets configuration in the units the code uses.
 *
 * @param pollNanos        time between two readings of the table
 * @param sessionPollNanos time between two readings while a teleoperation session is active
 * @param processOwners    whether to find the process holding each socket ({@code /proc/<pid>/fd})
 * @param timeoutSeconds   how long one reading may wait for the kernel
 */
record SocketSettings(long pollNanos, long sessionPollNanos, boolean processOwners, double timeoutSeconds) {

    static final SocketSettings DEFAULTS = new SocketSettings(1_000_000_000L, 100_000_000L, true, 1.0);

    static SocketSettings from(SocketsConfig config) {
        return new SocketSettings(nanos(config.poll_interval()), nanos(config.session_poll_interval()),
                config.process_owners(), DEFAULTS.timeoutSeconds());
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    SocketSettings withPoll(long nanos, long sessionNanos) {
        return new SocketSettings(nanos, sessionNanos, processOwners, timeoutSeconds);
    }
}
