package org.teleopmon.api.sockets;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The sockets of one reading of the kernel's table, with what changed since the previous reading given to
 * the same consumer. Sockets are identified across readings by {@link SocketEntry#cookie()}. Immutable.
 *
 * <p>Readings are periodic, so a connection that opens and closes between two readings appears in none, and
 * a state that lasts less than the period may be missed: the snapshot says what the kernel held at
 * {@link #timestamp()}, not everything that happened since the previous one.
 *
 * @param timestamp when the kernel was read
 * @param sockets   every matching socket at that moment
 * @param added     the sockets of {@link #sockets()} absent from the previous reading
 * @param removed   the sockets of the previous reading that are no longer in the table, as last seen
 */
public record SocketSnapshot(Instant timestamp, List<SocketEntry> sockets, List<SocketEntry> added,
        List<SocketEntry> removed) {

    public SocketSnapshot {
        Objects.requireNonNull(timestamp, "timestamp");
        sockets = sockets == null ? List.of() : List.copyOf(sockets);
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    /** A snapshot without sockets, e.g. before the first reading. */
    public static SocketSnapshot empty(Instant timestamp) {
        return new SocketSnapshot(timestamp, List.of(), List.of(), List.of());
    }

    /** Whether any socket appeared or left since the previous reading. */
    public boolean changed() {
        return !added.isEmpty() || !removed.isEmpty();
    }
}
