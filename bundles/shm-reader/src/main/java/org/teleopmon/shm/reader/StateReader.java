package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.concurrent.MemoryAccess;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the state region without ever blocking the writer: copy the record between two reads of
 * the seqlock sequence, keep it only if the sequence was even and unchanged and the CRC-32 matches,
 * else try again. Not thread-safe: one instance per reading thread.
 */
public final class StateReader implements AutoCloseable {

    static final int SPINS_BEFORE_YIELD = 1000;
    static final long GIVE_UP_NANOS = 5_000_000_000L;
    static final long STUCK_NANOS = 200_000_000L;

    private final MappedRegion region;
    private final UnsafeBuffer body;
    private final StateCodec codec;
    private long retries;

    private StateReader(MappedRegion region) {
        this.region = region;
        UnsafeBuffer buffer = region.buffer();
        int slots = buffer.getInt(ShmHeader.PARAM1_OFFSET);
        if (slots < 0 || slots > StateLayout.MAX_OPERATOR_SLOTS
                || buffer.getInt(ShmHeader.PARAM2_OFFSET) != StateLayout.SLOT_SIZE
                || buffer.getInt(ShmHeader.BODY_SIZE_OFFSET) != StateLayout.bodySize(slots)) {
            throw new ShmLayoutException(region.path() + ": operator slots do not match layout version "
                    + ShmHeader.LAYOUT_VERSION);
        }
        this.body = new UnsafeBuffer(buffer, ShmHeader.HEADER_SIZE, StateLayout.bodySize(slots));
        this.codec = new StateCodec(slots);
    }

    /** @throws ShmLayoutException when the file is not a state region of this layout version */
    public static StateReader attach(Path path) throws IOException {
        return MappedRegion.attach(path, StateLayout.MAGIC, StateReader::new);
    }

    /**
     * The latest consistent record.
     *
     * @throws IllegalStateException when no consistent record could be read (a writer that died
     *                               mid-update leaves the sequence odd; {@link #writerStatus()} says so)
     */
    public ShmState read() {
        copyConsistent();
        return codec.decode();
    }

    /** Only the measurements of the latest consistent record. */
    public ShmMetrics readMetrics() {
        copyConsistent();
        return codec.decodeMetrics();
    }

    /** The update counter of the latest consistent record, without decoding the rest. */
    public long readUpdateCounter() {
        copyConsistent();
        return codec.scratch().getLong(StateLayout.UPDATE_COUNTER);
    }

    /**
     * Retries for as long as the writer makes progress: readers may lose many races to a writer
     * publishing flat out on a busy machine. Gives up only when the sequence stays stuck and the
     * writer is not live (it died mid-update) or after {@link #GIVE_UP_NANOS}.
     */
    private void copyConsistent() {
        UnsafeBuffer scratch = codec.scratch();
        long started = System.nanoTime();
        long stuckSequence = -1;
        long stuckSince = started;
        for (int attempt = 1;; attempt++) {
            long before = body.getLongVolatile(StateLayout.SEQUENCE);
            if ((before & 1) == 0) {
                scratch.putBytes(0, body, 0, scratch.capacity());
                MemoryAccess.acquireFence();
                if (body.getLongVolatile(StateLayout.SEQUENCE) == before
                        && codec.checksum(scratch) == scratch.getInt(StateLayout.CRC)) {
                    return;
                }
            }
            retries++;
            if (attempt % SPINS_BEFORE_YIELD != 0) {
                Thread.onSpinWait();
                continue;
            }
            Thread.yield();
            long now = System.nanoTime();
            if (before != stuckSequence) {
                stuckSequence = before;
                stuckSince = now;
            }
            boolean stuck = now - stuckSince > STUCK_NANOS && writerStatus() != WriterStatus.LIVE;
            if (stuck || now - started > GIVE_UP_NANOS) {
                throw new IllegalStateException("no consistent state record in " + region.path() + " after "
                        + attempt + " attempts; writer " + writerStatus());
            }
        }
    }

    /** Attempts that found the writer mid-update, since this reader attached. */
    public long retries() {
        return retries;
    }

    public WriterStatus writerStatus() {
        return ShmHeader.status(region.buffer(), System.currentTimeMillis());
    }

    public long writerPid() {
        return region.buffer().getLong(ShmHeader.WRITER_PID_OFFSET);
    }

    /** Unmaps the region; call from the reading thread, after its last read. */
    @Override
    public void close() {
        region.close();
    }
}
