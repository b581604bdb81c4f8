package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastTransmitter;

/**
 * The single writer of a telemetry ring: appends variable-length records with Agrona's
 * {@link BroadcastTransmitter}, which never waits for readers and overwrites the oldest records.
 * Each record gets the next sequence number so readers can count what they missed. Thread-safe.
 */
public final class RingWriter implements AutoCloseable {

    private final MappedRegion region;
    private final Path path;
    private final BroadcastTransmitter transmitter;
    private final UnsafeBuffer scratch;
    private final int maxPayload;
    private long sequence;
    private boolean closed;

    private RingWriter(MappedRegion region, Path path, int capacity) {
        this.region = region;
        this.path = path;
        this.transmitter = new BroadcastTransmitter(new UnsafeBuffer(region.buffer(), ShmHeader.HEADER_SIZE,
                capacity + org.agrona.concurrent.broadcast.BroadcastBufferDescriptor.TRAILER_LENGTH));
        this.maxPayload = RingLayout.maxPayload(capacity);
        this.scratch = new UnsafeBuffer(new byte[RingLayout.PAYLOAD + maxPayload]);
    }

    /**
     * Creates the ring at {@code path} (replacing a stale one from a crashed run).
     *
     * @param capacity a power of two, in bytes
     * @throws IllegalStateException when a live writer owns {@code path}
     */
    public static RingWriter create(Path path, int capacity, Duration heartbeatInterval,
            Set<PosixFilePermission> permissions) throws IOException {
        RingLayout.checkCapacity(capacity);
        MappedRegion region = MappedRegion.create(path, RingLayout.fileSize(capacity), permissions, RingLayout.MAGIC);
        ShmHeader.write(region.buffer(), RingLayout.MAGIC, RingLayout.fileSize(capacity) - ShmHeader.HEADER_SIZE,
                heartbeatInterval, capacity, RingLayout.maxPayload(capacity));
        RingWriter writer = new RingWriter(region, path, capacity);
        ShmHeader.setStatus(region.buffer(), WriterStatus.LIVE);
        region.publish(path);
        return writer;
    }

    /**
     * Appends one record; returns its sequence number (1, 2, ...).
     *
     * @param typeId a positive record type, see {@link RingLayout#typeId(String)}
     * @throws IllegalArgumentException when the payload is longer than {@link #maxPayload()}
     */
    public synchronized long write(int typeId, long timestampMs, DirectBuffer payload, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("ring writer for " + path + " is closed");
        }
        if (length > maxPayload) {
            throw new IllegalArgumentException("record payload of " + length + " bytes exceeds the ring's limit of "
                    + maxPayload + " bytes (capacity / 8 - 16)");
        }
        if (typeId <= 0) {
            throw new IllegalArgumentException("record type id must be positive: " + typeId);
        }
        long seq = ++sequence;
        scratch.putLong(RingLayout.SEQUENCE, seq);
        scratch.putLong(RingLayout.TIMESTAMP, timestampMs);
        scratch.putBytes(RingLayout.PAYLOAD, payload, offset, length);
        transmitter.transmit(typeId, scratch, 0, RingLayout.PAYLOAD + length);
        return seq;
    }

    public long write(int typeId, long timestampMs, byte[] payload) {
        return write(typeId, timestampMs, new UnsafeBuffer(payload), 0, payload.length);
    }

    public int maxPayload() {
        return maxPayload;
    }

    public synchronized long written() {
        return sequence;
    }

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

    /** Marks the ring stopped, optionally removes the file, and unmaps it. */
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
