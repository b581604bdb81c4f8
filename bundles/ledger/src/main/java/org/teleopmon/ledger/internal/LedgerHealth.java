package org.teleopmon.ledger.internal;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;

/**
 * The ledger's health, and its log: a failure is logged once when it starts (with the fix), and once
 * when writes resume; a damaged file moved aside is said once and stays a warning until the ledger
 * restarts, so that somebody notices.
 */
final class LedgerHealth {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerHealth.class);

    private String failure;
    private StoreException.Kind failureKind;
    private String notice;
    private boolean opened;

    synchronized void opened(Path path, Path aside, int fromVersion) {
        if (aside != null) {
            notice = "the ledger file " + path + " was damaged: it was moved to " + aside + " (kept, never deleted; "
                    + "`sqlite3 " + aside + " .recover` may save its rows) and a new one was started";
            LOG.warn("Usage ledger: {}", notice);
        }
        if (fromVersion < Schema.VERSION) {
            LOG.info("Usage ledger: {} {} layout {} to {}", fromVersion == 0 ? "created" : "migrated", path,
                    fromVersion, Schema.VERSION);
        }
        opened = true;
    }

    synchronized void movedAside(Path path, Path aside, String why) {
        notice = why + ": it was moved to " + aside + " (kept, never deleted; `sqlite3 " + aside + " .recover` may "
                + "save its rows) and a new file was started; sessions recorded before are in the moved file";
        LOG.warn("Usage ledger: {}", notice);
    }

    synchronized void failing(StoreException e) {
        if (e.kind != failureKind) {
            LOG.error("Usage ledger: {}. The monitor keeps running; sessions wait in memory and are written when "
                    + "the file can be written again", e.getMessage());
        }
        failure = e.getMessage();
        failureKind = e.kind;
    }

    synchronized void cleared(Path path) {
        if (failure != null) {
            LOG.info("Usage ledger: writing {} again", path);
        }
        failure = null;
        failureKind = null;
    }

    synchronized boolean failing() {
        return failure != null;
    }

    synchronized Health health(int waiting) {
        if (failure != null) {
            return Health.critical(failure + (waiting > 0 ? " (" + waiting + " sessions and alerts wait in memory)" : ""));
        }
        if (!opened) {
            return Health.unavailable("opening the ledger file");
        }
        return notice == null ? Health.ok() : Health.warn(notice);
    }
}
