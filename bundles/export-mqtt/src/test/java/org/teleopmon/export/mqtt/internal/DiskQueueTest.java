package org.teleopmon.export.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {

    @TempDir
    Path dir;

    @Test
    void deliversInOrderAcrossReopening() throws IOException {
        try (DiskQueue queue = new DiskQueue(dir, 1 << 20)) {
            for (long seq = 1; seq <= 5; seq++) {
                queue.append(seq, "teleop/lab/kiwi/e", payload(seq));
            }
            assertThat(drain(queue, 2)).containsExactly(1L, 2L);
        }
        try (DiskQueue queue = new DiskQueue(dir, 1 << 20)) {
            assertThat(queue.size()).isEqualTo(3);
            assertThat(queue.lastSeq()).isEqualTo(5);
            queue.append(6, "teleop/lab/kiwi/e", payload(6));
            assertThat(drain(queue, 10)).containsExactly(3L, 4L, 5L, 6L);
            assertThat(queue.size()).isZero();
            assertThat(queue.bytes()).isZero();
        }
        try (DiskQueue queue = new DiskQueue(dir, 1 << 20)) {
            assertThat(queue.peek()).isEmpty();
        }
    }

    @Test
    void dropsTheOldestWhenFullAndCountsThem() throws IOException {
        try (DiskQueue queue = new DiskQueue(dir, 65536)) {
            for (long seq = 1; seq <= 1000; seq++) {
                queue.append(seq, "t", (new String(payload(seq), StandardCharsets.UTF_8) + " ".repeat(200))
                        .getBytes(StandardCharsets.UTF_8));
            }
            assertThat(queue.bytes()).isLessThanOrEqualTo(65536);
            assertThat(queue.dropped()).isPositive();
            assertThat(queue.dropped() + queue.size()).isEqualTo(1000);
            List<Long> rest = drain(queue, 5000);
            assertThat(rest).hasSize((int) (1000 - queue.dropped())).isSorted();
            assertThat(rest.get(rest.size() - 1)).isEqualTo(1000L);
            assertThat(rest.get(0)).isEqualTo(queue.dropped() + 1);
        }
    }

    @Test
    void aTornLastRecordIsCutOffOnOpen() throws IOException {
        try (DiskQueue queue = new DiskQueue(dir, 1 << 20)) {
            queue.append(1, "t", payload(1));
            queue.append(2, "t", payload(2));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3);
        }
        try (DiskQueue queue = new DiskQueue(dir, 1 << 20)) {
            assertThat(queue.size()).isEqualTo(1);
            queue.append(3, "t", payload(3));
            assertThat(drain(queue, 10)).containsExactly(1L, 3L);
        }
    }

    @Test
    void theSequenceNeverRepeatsAfterARestart() throws IOException {
        Path file = dir.resolve("seq");
        Sequence first = new Sequence(file, 0);
        assertThat(first.next()).isEqualTo(1);
        assertThat(first.next()).isEqualTo(2);
        Sequence second = new Sequence(file, 0);
        assertThat(second.next()).isGreaterThan(2);
        assertThat(new Sequence(dir.resolve("other"), 41).next()).isEqualTo(42);
    }

    private static byte[] payload(long seq) {
        return ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> drain(DiskQueue queue, int most) throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (Optional<DiskQueue.Entry> head = queue.peek(); head.isPresent() && seqs.size() < most;
                head = queue.peek()) {
            assertThat(new String(head.get().payload(), StandardCharsets.UTF_8)).contains("" + head.get().seq());
            seqs.add(head.get().seq());
            queue.remove(head.get());
        }
        return seqs;
    }
}
