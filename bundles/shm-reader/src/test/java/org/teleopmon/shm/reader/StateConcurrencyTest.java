package org.teleopmon.shm.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * A writer publishes at full speed until three reader threads, a second JVM and a Python process
 * have each checked a fixed number of records for tearing.
 */
@Requires(Prerequisite.PYTHON)
class StateConcurrencyTest {

    static final int THREAD_READS = 200_000;
    static final int PROCESS_READS = 20_000;

    @TempDir
    Path dir;

    @Test
    void noReaderEverSeesATornRecord() throws Exception {
        Path path = dir.resolve("c-state");
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (StateWriter writer = StateWriter.create(path, 4, Duration.ofSeconds(1), StateRegionTest.OWNER)) {
            writer.publish(TestStates.of(1));
            List<Future<Long>> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                readers.add(threads.submit(() -> readAndCheck(path)));
            }
            ChildProcess jvm = ChildProcess.java(TornReadChecker.class, path.toString(), Integer.toString(PROCESS_READS));
            ChildProcess python = ChildProcess.python(Path.of("src/test/python/check_consistency.py").toString(),
                    path.toString(), Integer.toString(PROCESS_READS));

            long k = 2;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((jvm.isAlive() || python.isAlive() || !readers.stream().allMatch(Future::isDone))
                    && System.nanoTime() < deadline) {
                writer.publish(TestStates.of(k++));
                if ((k & 1023) == 0) {
                    writer.heartbeat();
                }
            }

            for (Future<Long> reader : readers) {
                assertThat(reader.get()).as("distinct records a thread saw").isGreaterThan(1);
            }
            ChildProcess.Result javaResult = jvm.finish(10);
            System.out.println("second JVM: " + javaResult.output().trim());
            assertThat(javaResult.code()).as(javaResult.output()).isZero();
            assertThat(javaResult.output()).contains("reads=" + PROCESS_READS).doesNotContain("distinct=1 ");
            ChildProcess.Result pyResult = python.finish(10);
            System.out.println("python3: " + pyResult.output().trim() + "; publishes: " + k);
            assertThat(pyResult.code()).as(pyResult.output()).isZero();
            assertThat(pyResult.output()).contains("reads=" + PROCESS_READS).doesNotContain("distinct=1 ");
            assertThat(k).as("publishes while the readers checked").isGreaterThan(1000);
        } finally {
            threads.shutdownNow();
        }
    }

    private static long readAndCheck(Path path) throws Exception {
        try (StateReader reader = StateReader.attach(path)) {
            long distinct = 0;
            long lastCounter = -1;
            for (int i = 0; i < THREAD_READS; i++) {
                ShmState state = reader.read();
                assertThat(TestStates.tornness(state)).isNull();
                assertThat(state.updateCounter()).isGreaterThanOrEqualTo(lastCounter);
                if (state.updateCounter() != lastCounter) {
                    distinct++;
                    lastCounter = state.updateCounter();
                }
            }
            return distinct;
        }
    }
}
