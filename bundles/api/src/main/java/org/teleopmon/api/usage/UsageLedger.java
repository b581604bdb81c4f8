package org.teleopmon.api.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The sessions the monitor recorded, the running one included, and usage totals over them.
 *
 * <p>Every method reads the ledger's store; when the store cannot be read now (a missing permission,
 * a broken disk) it throws {@link IllegalStateException} whose message says what is wrong and what to
 * do, as the ledger's health does. Times are UTC.
 */
@ProviderType
public interface UsageLedger {

    /** One page of sessions, newest first (the running session, when it matches, is the first). */
    SessionPage sessions(SessionQuery query);

    /** The session of this id, running or ended. */
    Optional<LedgerSession> session(String id);

    /**
     * Totals of the sessions that started in {@code [from, to)}, grouped as {@code by} says, the largest
     * time first ({@link UsageGrouping#DAY}: the oldest day first). A running session counts with its
     * length at its last heartbeat.
     */
    List<UsageTotal> usage(Instant from, Instant to, UsageGrouping by);

    /** Counters since the ledger started, for monitoring. Never reads the store. */
    LedgerCounters counters();
}
