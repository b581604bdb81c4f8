package org.teleopmon.benchmarks.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.teleopmon.shm.reader.RingReader;
import org.teleopmon.shm.reader.RingWriter;

/**
 * Telemetry ring throughput: one writer appending records of {@code payload} bytes to the 64 KiB
 * ring while 1 or 4 readers poll it. The writer's ops/s is records/s; each reader's aux counters
 * say how many records it received and how many the writer overran.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RingBenchmark {

    @State(Scope.Group)
    public static class Ring {
        @Param({"64", "256"})
        int payload;

        Path dir;
        RingWriter writer;
        UnsafeBuffer record;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory(Path.of("/dev/shm"), "teleop-jmh");
            writer = RingWriter.create(dir.resolve("b-ring"), 65536, Duration.ofSeconds(1),
                    PosixFilePermissions.fromString("rw-------"));
            record = new UnsafeBuffer(new byte[payload]);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            writer.close(true);
            Files.deleteIfExists(dir);
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received {
        public long records;
        public long missed;
        RingReader reader;

        @Setup(Level.Iteration)
        public void open(Ring ring) throws IOException {
            reader = RingReader.attach(ring.writer.path());
        }

        @TearDown(Level.Iteration)
        public void close() {
            missed += reader.missed();
            reader.close();
        }
    }

    /** The writer alone: the ring's own cost per record. */
    @Benchmark
    @Group("noReader")
    public long write0(Ring ring) {
        return ring.writer.write(7, 0, ring.record, 0, ring.payload);
    }

    @Benchmark
    @Group("oneReader")
    @GroupThreads(1)
    public long write1(Ring ring) {
        return ring.writer.write(7, 0, ring.record, 0, ring.payload);
    }

    @Benchmark
    @Group("oneReader")
    @GroupThreads(1)
    public int read1(Received received) {
        int n = received.reader.poll((type, seq, ts, buffer, offset, length) -> { }, 256);
        received.records += n;
        return n;
    }

    @Benchmark
    @Group("fourReaders")
    @GroupThreads(1)
    public long write4(Ring ring) {
        return ring.writer.write(7, 0, ring.record, 0, ring.payload);
    }

    @Benchmark
    @Group("fourReaders")
    @GroupThreads(4)
    public int read4(Received received) {
        int n = received.reader.poll((type, seq, ts, buffer, offset, length) -> { }, 256);
        received.records += n;
        return n;
    }
}
