package org.teleopmon.shm.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.shm.reader.RingWriter;
import org.teleopmon.shm.reader.ShmPaths;
import org.teleopmon.shm.reader.StateWriter;

/**
 * The two files one configuration asks for. Each opens on its own: a bad ring size or a namespace
 * held by a live writer disables what it concerns, says so in {@link #health()}, and leaves the rest.
 */
final class ShmRegions {

    private static final Logger LOG = LoggerFactory.getLogger(ShmRegions.class);

    final StateWriter state;
    final RingWriter ring;
    final int operatorSlots;
    private final Health openHealth;

    ShmRegions(ShmConfig config) {
        this.operatorSlots = config.operator_slots();
        Path directory = Path.of(config.directory());
        Duration interval = Duration.ofNanos(Math.round(config.update_interval() * 1e9));
        Set<PosixFilePermission> mode = mode(config.file_mode());
        StringBuilder problems = new StringBuilder();
        this.state = open(problems, "state region", () -> StateWriter.create(
                ShmPaths.state(directory, config.namespace()), operatorSlots, interval, mode));
        this.ring = open(problems, "telemetry ring", () -> RingWriter.create(
                ShmPaths.ring(directory, config.namespace()), config.buffer_size(), interval, mode));
        this.openHealth = problems.length() == 0 ? Health.ok() : Health.critical(problems.toString().trim());
    }

    Health health() {
        return openHealth;
    }

    /** The writer's heartbeat in both headers, promising the next one within {@code interval}. */
    void heartbeat(Duration interval) {
        if (state != null) {
            state.heartbeat(interval);
        }
        if (ring != null) {
            ring.heartbeat(interval);
        }
    }

    void close(boolean remove) {
        for (AutoCloseable writer : new AutoCloseable[] {state, ring}) {
            try {
                if (writer instanceof StateWriter s) {
                    s.close(remove);
                } else if (writer instanceof RingWriter r) {
                    r.close(remove);
                }
            } catch (IOException e) {
                LOG.warn("Closing shared memory: {}", e.toString());
            }
        }
    }

    static Set<PosixFilePermission> mode(String octal) {
        return switch (octal) {
            case "0640" -> PosixFilePermissions.fromString("rw-r-----");
            default -> PosixFilePermissions.fromString("rw-------");
        };
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    private static <T> T open(StringBuilder problems, String what, Opener<T> opener) {
        try {
            T writer = opener.open();
            LOG.info("Shared memory {} ready", what);
            return writer;
        } catch (IOException | RuntimeException e) {
            String problem = what + " disabled: " + e.getMessage();
            LOG.error("Shared memory {}", problem);
            problems.append(problem).append(". ");
            return null;
        }
    }
}
