package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import org.agrona.concurrent.MemoryAccess;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The single writer of a state region: publishes each {@link ShmState} under a seqlock (odd
 * sequence while writing, even when stable) so readers never block it and never accept a torn
 * record. Thread-safe; meant for one writer thread at a time.
 */
public final class StateWriter implements AutoCloseable {

    private final MappedRegion region;
    private final Path path;
    private final UnsafeBuffer body;
    private final StateCodec codec;
    private long sequence;
    private long updates;
    private boolean closed;

    private StateWriter(MappedRegion region, Path path, int slots) {
        this.region = region;
        this.path = path;
        this.body = new UnsafeBuffer(region.buffer(), ShmHeader.HEADER_SIZE, StateLayout.bodySize(slots));
        this.codec = new StateCodec(slots);
    }

    /**
     * Creates the region at {@code path} (replacing a stale one from a crashed run) with an idle state.
     *
     * @throws IllegalStateException when a live writer owns {@code path}
     */
    public static StateWriter create(Path path, int operatorSlots, Duration heartbeatInterval,
            Set<PosixFilePermission> permissions) throws IOException {
        if (operatorSlots < 0 || operatorSlots > StateLayout.MAX_OPERATOR_SLOTS) {
            throw new IllegalArgumentException("operator slots must be 0.." + StateLayout.MAX_OPERATOR_SLOTS);
        }
        int bodySize = StateLayout.bodySize(operatorSlots);
        MappedRegion region = MappedRegion.create(path, ShmHeader.HEADER_SIZE + bodySize, permissions,
                StateLayout.MAGIC);
        ShmHeader.write(region.buffer(), StateLayout.MAGIC, bodySize, heartbeatInterval, operatorSlots,
                StateLayout.SLOT_SIZE);
        StateWriter writer = new StateWriter(region, path, operatorSlots);
        writer.publish(ShmState.idle(System.currentTimeMillis()));
        ShmHeader.setStatus(region.buffer(), WriterStatus.LIVE);
        region.publish(path);
        return writer;
    }

    /** Publishes {@code state}; returns its update counter. */
    public synchronized long publish(ShmState state) {
        if (closed) {
            throw new IllegalStateException("state writer for " + path + " is closed");
        }
        codec.encode(state, ++updates);
        UnsafeBuffer scratch = codec.scratch();
        body.putLongOrdered(StateLayout.SEQUENCE, ++sequence);
        // The odd sequence must be visible before any byte of the new record.
        MemoryAccess.releaseFence();
        body.putBytes(StateLayout.CRC, scratch, StateLayout.CRC, scratch.capacity() - StateLayout.CRC);
        body.putLongOrdered(StateLayout.SEQUENCE, ++sequence);
        return updates;
    }

    /** Tells readers the writer is alive; call at the configured heartbeat interval. */
    public synchronized void heartbeat() {
        if (!closed) {
            region.heartbeat();
        }
    }

    /**
     * Tells readers the writer is alive and that the next heartbeat comes within {@code interval} (readers
     * wait three of them, at least a second, before they call the writer gone): a writer may beat slower
     * while nothing changes.
     */
    public synchronized void heartbeat(Duration interval) {
        if (!closed) {
            region.heartbeat(interval);
        }
    }

    public Path path() {
        return path;
    }

    public synchronized long updates() {
        return updates;
    }

    /** Marks the region stopped (attached readers see it), optionally removes the file, and unmaps it. */
    public synchronized void close(boolean removeFile) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        region.stop(path, removeFile);
    }

    @Override
    public void close() throws IOException {
        close(true);
    }
}
