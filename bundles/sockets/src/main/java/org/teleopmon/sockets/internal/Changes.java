package org.teleopmon.sockets.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketSnapshot;

/** What was added and removed between two readings, sockets told apart by their cookie. */
final class Changes {

    private Changes() {
    }

    /** The snapshot of {@code sockets}; {@code previous} (by cookie) is replaced by {@code current}. */
    static SocketSnapshot snapshot(Instant timestamp, List<SocketEntry> sockets, Map<Long, SocketEntry> previous,
            Map<Long, SocketEntry> current) {
        List<SocketEntry> added = new ArrayList<>(0);
        for (SocketEntry socket : sockets) {
            current.put(socket.cookie(), socket);
            if (!previous.containsKey(socket.cookie())) {
                added.add(socket);
            }
        }
        List<SocketEntry> removed = new ArrayList<>(0);
        if (previous.size() + added.size() != current.size()) {
            for (SocketEntry socket : previous.values()) {
                if (!current.containsKey(socket.cookie())) {
                    removed.add(socket);
                }
            }
        }
        return new SocketSnapshot(timestamp, sockets, added, removed);
    }

    static Map<Long, SocketEntry> map(int expected) {
        return new HashMap<>(Math.max(16, expected * 2));
    }
}
