package org.teleopmon.shm.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingTest {

    static final int CAPACITY = 1024;

    @TempDir
    Path dir;

    record Got(int type, long sequence, long timestamp, byte[] payload) {
    }

    static List<Got> drain(RingReader reader) {
        List<Got> got = new ArrayList<>();
        reader.poll((type, seq, ts, buffer, offset, length) -> {
            byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            got.add(new Got(type, seq, ts, bytes));
        }, Integer.MAX_VALUE);
        return got;
    }

    static byte[] payload(long n, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (n + i);
        }
        return bytes;
    }

    RingWriter writer() throws IOException {
        return RingWriter.create(dir.resolve("r-ring"), CAPACITY, Duration.ofSeconds(1), StateRegionTest.OWNER);
    }

    @Test
    void wrapsAroundManyTimesWithoutLosingARecordForAReaderThatKeepsUp() throws IOException {
        try (RingWriter writer = writer(); RingReader reader = RingReader.attach(writer.path())) {
            long expected = 1;
            for (int round = 0; round < 500; round++) {
                // Lengths 0..100 walk the records across the end of the buffer at every alignment.
                int length = round % 101;
                writer.write(3, round, payload(round, length));
                writer.write(4, round, payload(round + 1, 7));
                List<Got> got = drain(reader);
                assertThat(got).hasSize(2);
                assertThat(got.get(0).sequence()).isEqualTo(expected);
                assertThat(got.get(0).payload()).isEqualTo(payload(round, length));
                assertThat(got.get(1).type()).isEqualTo(4);
                assertThat(got.get(1).payload()).isEqualTo(payload(round + 1, 7));
                expected += 2;
            }
            assertThat(writer.written() * 24).as("bytes through the ring").isGreaterThan(10L * CAPACITY);
            assertThat(reader.missed()).isZero();
            assertThat(reader.overruns()).isZero();
        }
    }

    @Test
    void anOverrunReaderLearnsExactlyHowManyRecordsItMissed() throws IOException {
        try (RingWriter writer = writer(); RingReader slow = RingReader.attach(writer.path());
                RingReader fast = RingReader.attach(writer.path())) {
            writer.write(1, 0, payload(0, 40));
            assertThat(drain(slow)).hasSize(1);
            assertThat(drain(fast)).hasSize(1);
            for (int i = 1; i <= 200; i++) {
                writer.write(1, i, payload(i, 40));
                assertThat(drain(fast)).hasSize(1);
            }
            List<Got> got = drain(slow);
            assertThat(slow.overruns()).isPositive();
            assertThat(got).isNotEmpty();
            assertThat(got.get(got.size() - 1).sequence()).isEqualTo(201);
            // Every record is either delivered or counted as missed.
            assertThat(slow.missed() + got.size()).isEqualTo(200);
            assertThat(slow.missed()).isEqualTo(got.get(0).sequence() - 2);
            assertThat(fast.missed()).isZero();
        }
    }

    @Test
    void recordSizesAtTheLimits() throws IOException {
        try (RingWriter writer = writer(); RingReader reader = RingReader.attach(writer.path())) {
            int max = writer.maxPayload();
            assertThat(max).isEqualTo(CAPACITY / 8 - 16).isEqualTo(reader.maxPayload());
            writer.write(2, 1, new byte[0]);
            writer.write(2, 2, payload(9, max));
            assertThatThrownBy(() -> writer.write(2, 3, new byte[max + 1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the ring's limit");
            assertThatThrownBy(() -> writer.write(0, 3, new byte[1])).isInstanceOf(IllegalArgumentException.class);
            List<Got> got = drain(reader);
            assertThat(got).extracting(Got::sequence).containsExactly(1L, 2L);
            assertThat(got.get(0).payload()).isEmpty();
            assertThat(got.get(1).payload()).isEqualTo(payload(9, max));
        }
        assertThatThrownBy(() -> RingWriter.create(dir.resolve("bad"), 3000, Duration.ofSeconds(1), StateRegionTest.OWNER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
    }

    @Test
    void aReaderStartingLateBeginsAtTheNewestRecord() throws IOException {
        try (RingWriter writer = writer()) {
            for (int i = 1; i <= 100; i++) {
                writer.write(5, i, payload(i, 30));
            }
            try (RingReader late = RingReader.attach(writer.path())) {
                writer.write(5, 101, payload(101, 30));
                List<Got> got = drain(late);
                assertThat(got).extracting(Got::sequence).containsExactly(100L, 101L);
                assertThat(late.missed()).isZero();
            }
        }
    }

    @Test
    void readersOfAStoppedRingSeeItStopped() throws IOException {
        RingWriter writer = writer();
        RingReader reader = RingReader.attach(writer.path());
        assertThat(reader.writerStatus()).isEqualTo(WriterStatus.LIVE);
        writer.write(1, 1, new UnsafeBuffer(new byte[8]), 0, 8);
        writer.close(true);
        assertThat(reader.writerStatus()).isEqualTo(WriterStatus.STOPPED);
        assertThat(drain(reader)).hasSize(1);
        reader.close();
    }
}
