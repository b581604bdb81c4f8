package org.teleopmon.shm.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRegionTest {

    static final Duration HEARTBEAT = Duration.ofMillis(100);
    static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER =
            PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path dir;

    @Test
    void readsBackWhatWasPublished() throws IOException {
        Path path = dir.resolve("t-state");
        try (StateWriter writer = StateWriter.create(path, 8, HEARTBEAT, OWNER);
                StateReader reader = StateReader.attach(path)) {
            assertThat(reader.read().active()).isFalse();
            ShmState state = TestStates.of(7);
            long counter = writer.publish(state);

            ShmState read = reader.read();
            assertThat(TestStates.tornness(read)).isNull();
            assertThat(read.updateCounter()).isEqualTo(counter).isEqualTo(2);
            assertThat(reader.readMetrics()).isEqualTo(state.metrics());
            assertThat(reader.writerStatus()).isEqualTo(WriterStatus.LIVE);
            assertThat(reader.writerPid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void operatorsBeyondTheSlotsAreCountedAndLongTextIsCutAtACharacterBoundary() throws IOException {
        Path path = dir.resolve("t-state");
        String longName = "é".repeat(40); // 80 bytes of UTF-8
        List<ShmOperator> three = List.of(new ShmOperator("a", longName, "INPUT_DEVICE", 1, 2),
                new ShmOperator("b", "b", "OTHER", 1, 2), new ShmOperator("c", "c", "OTHER", 1, 2));
        try (StateWriter writer = StateWriter.create(path, 2, HEARTBEAT, OWNER);
                StateReader reader = StateReader.attach(path)) {
            writer.publish(new ShmState(true, 90, three, 3, 1, 2, "a-very-long-robot-type", ShmMetrics.NONE, 0, 5));
            ShmState read = reader.read();
            assertThat(read.operators()).hasSize(2);
            assertThat(read.operatorsTotal()).isEqualTo(3);
            assertThat(read.operators().get(0).name()).isEqualTo("é".repeat(32));
            assertThat(read.robotType()).isEqualTo("a-very-long-robo");
        }
    }

    @Test
    void filesAreOwnerOnlyOrGroupReadableAndRemovedWhenTheWriterCloses() throws IOException {
        Path path = dir.resolve("t-state");
        StateWriter writer = StateWriter.create(path, 1, HEARTBEAT, OWNER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        StateReader reader = StateReader.attach(path);
        writer.close(true);
        assertThat(path).doesNotExist();
        assertThat(reader.writerStatus()).isEqualTo(WriterStatus.STOPPED);
        reader.close();
        try (StateWriter group = StateWriter.create(path, 1, HEARTBEAT, PosixFilePermissions.fromString("rw-r-----"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r-----");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aStoppedWritersFileIsKeptMarkedStoppedWhenAsked() throws IOException {
        Path path = dir.resolve("t-state");
        StateWriter.create(path, 1, HEARTBEAT, OWNER).close(false);
        try (StateReader reader = StateReader.attach(path)) {
            assertThat(reader.writerStatus()).isEqualTo(WriterStatus.STOPPED);
        }
    }

    @Test
    void aLiveWritersFileIsNeverTakenOver() throws IOException {
        Path path = dir.resolve("t-state");
        try (StateWriter live = StateWriter.create(path, 1, HEARTBEAT, OWNER)) {
            assertThatThrownBy(() -> StateWriter.create(path, 1, HEARTBEAT, OWNER))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("live writer");
            live.publish(TestStates.of(3));
            try (StateReader reader = StateReader.attach(path)) {
                assertThat(reader.read().timestampMs()).isEqualTo(3);
            }
        }
    }

    @Test
    void aStaleFileFromACrashedRunIsTakenOverAndItsReadersSeeTheWriterGone() throws IOException {
        Path path = dir.resolve("t-state");
        StateWriter crashed = StateWriter.create(path, 1, HEARTBEAT, OWNER);
        StateReader oldReader = StateReader.attach(path);
        // As a crashed or hung run leaves it: still marked live, heartbeat long past.
        patch(path, ShmHeader.HEARTBEAT_OFFSET, System.currentTimeMillis() - 60_000);
        assertThat(oldReader.writerStatus()).isEqualTo(WriterStatus.GONE);

        try (StateWriter next = StateWriter.create(path, 1, HEARTBEAT, OWNER);
                StateReader newReader = StateReader.attach(path)) {
            next.publish(TestStates.of(11));
            assertThat(newReader.read().timestampMs()).isEqualTo(11);
            assertThat(newReader.writerStatus()).isEqualTo(WriterStatus.LIVE);
            assertThat(oldReader.writerStatus()).isEqualTo(WriterStatus.GONE);
        }
        oldReader.close();
        crashed.close(false);
    }

    @Test
    void aTemporaryFileLeftByAWriterThatDiedBeforeRenamingIsRemoved() throws IOException {
        Path path = dir.resolve("t-state");
        Path orphan = Files.createFile(dir.resolve("t-state.new-999999999"));
        Path ours = Files.createFile(dir.resolve("t-state.new-" + ProcessHandle.current().pid() + "-not-a-pid"));
        StateWriter.create(path, 1, HEARTBEAT, OWNER).close(true);
        assertThat(orphan).doesNotExist();
        assertThat(ours).exists();
    }

    @Test
    void anotherLayoutVersionOrAForeignFileGetsAClearError() throws IOException {
        Path path = dir.resolve("t-state");
        StateWriter.create(path, 1, HEARTBEAT, OWNER).close(false);
        patchInt(path, ShmHeader.VERSION_OFFSET, 2);
        assertThatThrownBy(() -> StateReader.attach(path)).isInstanceOf(ShmLayoutException.class)
                .hasMessageContaining("layout version 2, this reader understands version 1");

        Files.writeString(path, "x".repeat(200));
        assertThatThrownBy(() -> StateReader.attach(path)).isInstanceOf(ShmLayoutException.class)
                .hasMessageContaining("not a Teleop Monitor state file");
        assertThatThrownBy(() -> RingReader.attach(path)).isInstanceOf(ShmLayoutException.class)
                .hasMessageContaining("not a Teleop Monitor ring file");
        assertThatThrownBy(() -> StateReader.attach(dir.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("is the monitor running?");

        // A foreign or old-layout file under our name is replaced at start.
        try (StateWriter writer = StateWriter.create(path, 1, HEARTBEAT, OWNER);
                StateReader reader = StateReader.attach(path)) {
            assertThat(reader.writerStatus()).isEqualTo(WriterStatus.LIVE);
        }
    }

    @Test
    void aWriterThatDiedMidUpdateIsReportedNotWaitedForever() throws IOException {
        Path path = dir.resolve("t-state");
        try (StateWriter writer = StateWriter.create(path, 1, HEARTBEAT, OWNER);
                StateReader reader = StateReader.attach(path)) {
            patch(path, ShmHeader.HEADER_SIZE + StateLayout.SEQUENCE, 3);
            patch(path, ShmHeader.HEARTBEAT_OFFSET, 0);
            assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no consistent state record").hasMessageContaining("GONE");
        }
    }

    @Test
    void aBadNamespaceIsRefusedWithTheRule() {
        assertThatThrownBy(() -> new SharedMemoryManager("../etc/passwd", dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits");
    }

    @Test
    void theSeedsSurfaceReadsWhatTheWriterPublished() throws IOException {
        try (SharedMemoryManager writer = new SharedMemoryManager("seed", dir);
                SharedMemoryManager reader = new SharedMemoryManager("seed", dir)) {
            writer.initialize(true);
            writer.stateWriter().publish(TestStates.of(42));
            reader.initialize(false);
            assertThat(reader.readState().confidence()).isEqualTo(42);
            assertThat(reader.readMetrics().latencyMs()).isEqualTo(42.0);
            assertThat(reader.writerStatus()).isEqualTo(WriterStatus.LIVE);
            assertThatThrownBy(writer::readState).hasMessageContaining("initialize(false)");
        }
        assertThat(dir).isEmptyDirectory();
    }

    static void patch(Path path, int offset, long value) throws IOException {
        write(path, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    static void patchInt(Path path, int offset, int value) throws IOException {
        write(path, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
    }

    private static void write(Path path, int offset, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }
}
