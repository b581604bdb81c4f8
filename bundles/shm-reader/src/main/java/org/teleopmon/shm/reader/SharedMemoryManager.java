package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The seed's entry point, for any JVM: {@code initialize(false)} attaches to the monitor's state
 * region as a reader; {@code initialize(true)} creates it (and the ring) as the writer, with
 * default sizes. Not thread-safe: one manager per thread.
 *
 * <pre>{@code
 * try (SharedMemoryManager shm = new SharedMemoryManager("teleoperation")) {
 *     shm.initialize(false);
 *     ShmState state = shm.readState();
 *     if (shm.writerStatus() != WriterStatus.LIVE) { ... the monitor is gone: the state is frozen ... }
 * }
 * }</pre>
 */
public final class SharedMemoryManager implements AutoCloseable {

    public static final int DEFAULT_BUFFER_SIZE = 65536;
    public static final int DEFAULT_OPERATOR_SLOTS = 8;

    private final Path statePath;
    private final Path ringPath;
    private StateReader reader;
    private StateWriter stateWriter;
    private RingWriter ringWriter;

    public SharedMemoryManager(String namespace) {
        this(namespace, ShmPaths.DEFAULT_DIRECTORY);
    }

    public SharedMemoryManager(String namespace, Path directory) {
        this.statePath = ShmPaths.state(directory, namespace);
        this.ringPath = ShmPaths.ring(directory, namespace);
    }

    /**
     * @param create true to create the regions as their writer, false to attach to them as a reader
     * @throws java.nio.file.NoSuchFileException when reading and the monitor has not created the region
     * @throws ShmLayoutException when the region has another layout version
     */
    public void initialize(boolean create) throws IOException {
        if (reader != null || stateWriter != null) {
            throw new IllegalStateException("already initialized");
        }
        if (create) {
            var mode = PosixFilePermissions.fromString("rw-------");
            stateWriter = StateWriter.create(statePath, DEFAULT_OPERATOR_SLOTS, Duration.ofSeconds(1), mode);
            ringWriter = RingWriter.create(ringPath, DEFAULT_BUFFER_SIZE, Duration.ofSeconds(1), mode);
        } else {
            reader = StateReader.attach(statePath);
        }
    }

    public ShmState readState() {
        return reader().read();
    }

    public ShmMetrics readMetrics() {
        return reader().readMetrics();
    }

    public WriterStatus writerStatus() {
        return reader().writerStatus();
    }

    /** A new reader of the telemetry ring, starting at its newest record; the caller closes it. */
    public RingReader openRing() throws IOException {
        return RingReader.attach(ringPath);
    }

    /** The state writer, after {@code initialize(true)}. */
    public StateWriter stateWriter() {
        if (stateWriter == null) {
            throw new IllegalStateException("not initialized as the writer: call initialize(true)");
        }
        return stateWriter;
    }

    /** The ring writer, after {@code initialize(true)}. */
    public RingWriter ringWriter() {
        stateWriter();
        return ringWriter;
    }

    public Path statePath() {
        return statePath;
    }

    public Path ringPath() {
        return ringPath;
    }

    private StateReader reader() {
        if (reader == null) {
            throw new IllegalStateException("not initialized as a reader: call initialize(false)");
        }
        return reader;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        if (stateWriter != null) {
            stateWriter.close(true);
            ringWriter.close(true);
        }
    }
}
