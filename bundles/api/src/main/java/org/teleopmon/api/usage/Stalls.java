package org.teleopmon.api.usage;

/**
 * Command stalls during a session: gaps in the operator's commands long enough for the robot's
 * watchdog to stop it.
 *
 * @param count   how many, or {@code -1} when nothing measured them
 * @param worstMs the longest command gap seen, milliseconds, or {@code NaN} when nothing measured it
 */
public record Stalls(long count, double worstMs) {

    /** Nothing measured stalls during the session. */
    public static final Stalls UNKNOWN = new Stalls(-1, Double.NaN);

    public boolean counted() {
        return count >= 0;
    }
}
