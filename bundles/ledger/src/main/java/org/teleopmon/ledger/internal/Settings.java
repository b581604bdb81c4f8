package org.teleopmon.ledger.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The ledger's configuration, validated.
 *
 * @param path           the SQLite file
 * @param retention      how long ended sessions and alerts are kept; zero keeps them forever
 * @param heartbeat      how often the running session's row is written
 * @param retentionBatch rows deleted per retention step
 */
public record Settings(Path path, Duration retention, Duration heartbeat, int retentionBatch) {

    /** How often retention looks for old rows. */
    static final Duration RETENTION_EVERY = Duration.ofHours(1);

    public Settings {
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("heartbeat must be above 0 and at most 1 s, not " + heartbeat);
        }
        retentionBatch = Math.max(1, retentionBatch);
    }

    /** Defaults for a file at {@code path}: 365 days, a 0.5 s heartbeat. */
    public static Settings at(Path path) {
        return new Settings(path, Duration.ofDays(365), Duration.ofMillis(500), 500);
    }

    static Settings from(LedgerConfig config, Path dataDirectory) {
        Path path = Path.of(config.path().isBlank() ? "ledger/usage.db" : config.path().trim());
        return new Settings(path.isAbsolute() ? path : dataDirectory.resolve(path),
                Duration.ofDays(Math.max(0, config.retention_days())),
                Duration.ofMillis(Math.round(Math.min(1.0, Math.max(0.1, config.heartbeat_interval())) * 1000)),
                config.retention_batch());
    }

    public Settings withRetention(Duration retention, int batch) {
        return new Settings(path, retention, heartbeat, batch);
    }
}
