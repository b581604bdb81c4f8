package org.teleopmon.export.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.testsupport.ChildProcess;

/** kill -9 of a JVM writing the queue: every event it had been told was queued is still there, in order. */
class DiskQueueKillTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesKillNine() throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        ProcessBuilder writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QueueWriter.class.getName(), dir.toString());
        try (ChildProcess child = ChildProcess.start("queue-writer", writer, line -> {
            if (line.matches("\\d+")) {
                acknowledged.set(Long.parseLong(line));
            }
        })) {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 300);
            child.process().destroyForcibly();
            assertThat(child.process().waitFor()).isEqualTo(137);
        }
        long told = acknowledged.get();

        try (DiskQueue queue = new DiskQueue(dir, 1 << 20)) {
            List<Long> seqs = new ArrayList<>();
            for (Optional<DiskQueue.Entry> head = queue.peek(); head.isPresent(); head = queue.peek()) {
                seqs.add(head.get().seq());
                queue.remove(head.get());
            }
            assertThat(seqs.size()).isGreaterThanOrEqualTo((int) told);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
        }
    }
}
