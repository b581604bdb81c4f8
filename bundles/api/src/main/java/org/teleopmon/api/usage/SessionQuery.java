package org.teleopmon.api.usage;

import java.time.Instant;

/**
 * Which sessions to list.
 *
 * @param from     sessions started at or after this instant; {@code null}: no lower bound
 * @param to       sessions started before this instant; {@code null}: no upper bound (as {@link UsageLedger#usage})
 * @param operator only sessions with an operator of this id or name; {@code null}: any
 * @param robot    only sessions of this robot id or robot type; {@code null}: any
 * @param limit    at most this many, 1..{@value #MAX_LIMIT}
 * @param cursor   the {@link SessionPage#nextCursor()} of the previous page; {@code null}: the newest first
 */
public record SessionQuery(Instant from, Instant to, String operator, String robot, int limit, String cursor) {

    public static final int MAX_LIMIT = 1000;

    public SessionQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        operator = blankToNull(operator);
        robot = blankToNull(robot);
        cursor = blankToNull(cursor);
    }

    /** The newest {@code limit} sessions. */
    public static SessionQuery latest(int limit) {
        return new SessionQuery(null, null, null, null, limit, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
