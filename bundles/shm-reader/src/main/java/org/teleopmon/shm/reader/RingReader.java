package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastBufferDescriptor;
import org.agrona.concurrent.broadcast.BroadcastReceiver;

/**
 * One reader of a telemetry ring, at its own pace. It starts at the newest record. When the writer
 * laps it, Agrona's receiver jumps to the newest record; the sequence numbers then tell exactly how
 * many records this reader {@link #missed() missed}. Not thread-safe: one instance per reading thread.
 */
public final class RingReader implements AutoCloseable {

    private final MappedRegion region;
    private final BroadcastReceiver receiver;
    private final UnsafeBuffer copy;
    private final int maxRecord;
    private long lastSequence;
    private long missed;
    private long overruns;

    private RingReader(MappedRegion region) {
        this.region = region;
        int capacity = region.buffer().getInt(ShmHeader.PARAM1_OFFSET);
        RingLayout.checkCapacity(capacity);
        this.receiver = new BroadcastReceiver(new UnsafeBuffer(region.buffer(), ShmHeader.HEADER_SIZE,
                capacity + BroadcastBufferDescriptor.TRAILER_LENGTH));
        this.maxRecord = RingLayout.PAYLOAD + RingLayout.maxPayload(capacity);
        this.copy = new UnsafeBuffer(new byte[maxRecord]);
    }

    /** @throws ShmLayoutException when the file is not a ring of this layout version */
    public static RingReader attach(Path path) throws IOException {
        return MappedRegion.attach(path, RingLayout.MAGIC, RingReader::new);
    }

    /** Hands up to {@code limit} available records to {@code handler}; returns how many. */
    public int poll(RingHandler handler, int limit) {
        int delivered = 0;
        while (delivered < limit) {
            long lapped = receiver.lappedCount();
            if (!receiver.receiveNext()) {
                break;
            }
            if (receiver.lappedCount() != lapped) {
                overruns++;
            }
            int length = receiver.length();
            if (length < RingLayout.PAYLOAD || length > maxRecord) {
                // Only a record being overwritten under us can look like this; validate() says so.
                receiver.validate();
                overruns++;
                continue;
            }
            int typeId = receiver.typeId();
            copy.putBytes(0, receiver.buffer(), receiver.offset(), length);
            if (!receiver.validate()) {
                overruns++;
                continue;
            }
            long sequence = copy.getLong(RingLayout.SEQUENCE);
            if (lastSequence > 0 && sequence > lastSequence + 1) {
                missed += sequence - lastSequence - 1;
            }
            lastSequence = Math.max(lastSequence, sequence);
            handler.onRecord(typeId, sequence, copy.getLong(RingLayout.TIMESTAMP), copy, RingLayout.PAYLOAD,
                    length - RingLayout.PAYLOAD);
            delivered++;
        }
        return delivered;
    }

    /** Records this reader lost to the writer lapping it, counted by sequence numbers. */
    public long missed() {
        return missed;
    }

    /** How many times the writer overran this reader. */
    public long overruns() {
        return overruns;
    }

    /** Sequence number of the last record delivered, 0 before the first. */
    public long lastSequence() {
        return lastSequence;
    }

    public WriterStatus writerStatus() {
        return ShmHeader.status(region.buffer(), System.currentTimeMillis());
    }

    public int maxPayload() {
        return maxRecord - RingLayout.PAYLOAD;
    }

    /** Unmaps the ring; call from the reading thread, after its last {@link #poll}. */
    @Override
    public void close() {
        region.close();
    }
}
