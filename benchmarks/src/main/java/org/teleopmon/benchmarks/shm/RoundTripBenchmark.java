package org.teleopmon.benchmarks.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.teleopmon.shm.reader.RingHandler;
import org.teleopmon.shm.reader.RingReader;
import org.teleopmon.shm.reader.RingWriter;

/**
 * The CPU cost of moving one record from the writer to each of {@code readers} readers, on one
 * thread (write, then every reader takes it): records/s = 1 / score, free of the scheduling noise
 * that threads on a shared two-core machine add. Compared with one {@link ArrayBlockingQueue} per
 * reader, the writer copying the payload for each.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripBenchmark {

    @Param({"64", "256"})
    int payload;

    @Param({"1", "4"})
    int readers;

    Path dir;
    RingWriter writer;
    RingReader[] rings;
    UnsafeBuffer record;
    byte[] bytes;
    ArrayBlockingQueue<byte[]>[] queues;
    long sink;
    final RingHandler handler = this::take;

    private void take(int type, long seq, long ts, DirectBuffer buffer, int offset, int length) {
        sink += buffer.getByte(offset + length - 1) + seq;
    }

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void open() throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "teleop-jmh");
        writer = RingWriter.create(dir.resolve("rt-ring"), 65536, Duration.ofSeconds(1),
                PosixFilePermissions.fromString("rw-------"));
        rings = new RingReader[readers];
        queues = new ArrayBlockingQueue[readers];
        for (int i = 0; i < readers; i++) {
            rings[i] = RingReader.attach(writer.path());
            queues[i] = new ArrayBlockingQueue<>(1024);
        }
        record = new UnsafeBuffer(new byte[payload]);
        bytes = new byte[payload];
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        for (RingReader ring : rings) {
            ring.close();
        }
        writer.close(true);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public long ring() {
        writer.write(7, 0, record, 0, payload);
        for (RingReader ring : rings) {
            ring.poll(handler, 1);
        }
        return sink;
    }

    @Benchmark
    public long queue() {
        for (ArrayBlockingQueue<byte[]> queue : queues) {
            queue.offer(bytes.clone());
        }
        for (ArrayBlockingQueue<byte[]> queue : queues) {
            byte[] got = queue.poll();
            sink += got[got.length - 1];
        }
        return sink;
    }
}
