package org.teleopmon.api.usage;

import java.util.List;

/**
 * One page of sessions, newest first.
 *
 * @param sessions   the sessions of this page
 * @param nextCursor what to pass as {@link SessionQuery#cursor()} for the next (older) page; {@code null}
 *                   on the last page
 */
public record SessionPage(List<LedgerSession> sessions, String nextCursor) {

    public SessionPage {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
