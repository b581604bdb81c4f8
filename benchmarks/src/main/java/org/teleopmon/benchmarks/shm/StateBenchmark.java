package org.teleopmon.benchmarks.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.teleopmon.shm.reader.ShmMetrics;
import org.teleopmon.shm.reader.ShmOperator;
import org.teleopmon.shm.reader.ShmState;
import org.teleopmon.shm.reader.StateReader;
import org.teleopmon.shm.reader.StateWriter;

/** Cost of publishing and reading one state record in /dev/shm (8 operator slots, 2 operators). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateBenchmark {

    @State(Scope.Group)
    public static class Region {
        Path dir;
        StateWriter writer;
        ShmState state;
        long k;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory(Path.of("/dev/shm"), "teleop-jmh");
            writer = StateWriter.create(dir.resolve("b-state"), 8, Duration.ofSeconds(1),
                    PosixFilePermissions.fromString("rw-------"));
            state = new ShmState(true, 85, List.of(new ShmOperator("10.0.0.7", "alice", "NETWORK_PEER", 1, 2),
                    new ShmOperator("10.0.0.8", "bob", "NETWORK_PEER", 1, 2)), 2, 1000, 5000, "lekiwi",
                    new ShmMetrics(12.5, 40.1, 0.2, 29.9, 30.0, 31), 0, 7);
            writer.publish(state);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            writer.close(true);
            Files.deleteIfExists(dir);
        }
    }

    @State(Scope.Thread)
    public static class Reader {
        StateReader reader;

        @Setup(Level.Trial)
        public void open(Region region) throws IOException {
            reader = StateReader.attach(region.writer.path());
        }

        @TearDown(Level.Trial)
        public void close() {
            reader.close();
        }
    }

    @Benchmark
    @Group("publish")
    public long publish(Region region) {
        return region.writer.publish(region.state);
    }

    @Benchmark
    @Group("read")
    public ShmState read(Reader reader) {
        return reader.reader.read();
    }

    /** The seqlock copy and CRC check alone, without building the record objects. */
    @Benchmark
    @Group("readCounter")
    public long readCounter(Reader reader) {
        return reader.reader.readUpdateCounter();
    }

    /** One writer publishing flat out while one reader reads: what contention costs both. */
    @Benchmark
    @Group("contended")
    public long contendedPublish(Region region) {
        return region.writer.publish(region.state);
    }

    @Benchmark
    @Group("contended")
    public ShmState contendedRead(Reader reader) {
        return reader.reader.read();
    }
}
