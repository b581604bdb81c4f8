package org.teleopmon.shm.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer process killed with SIGKILL: its readers see it gone, and the next writer takes the file over. */
class WriterCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterIsSeenGoneAndItsFileIsTakenOver() throws Exception {
        Path path = dir.resolve("crash-state");
        ChildProcess child = ChildProcess.java(HeartbeatingWriter.class, path.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.process().getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            try (StateReader reader = StateReader.attach(path)) {
                assertThat(reader.writerStatus()).isEqualTo(WriterStatus.LIVE);
                assertThat(reader.writerPid()).isEqualTo(child.pid());
                assertThatThrownBy(() -> StateWriter.create(path, 2, Duration.ofSeconds(1), StateRegionTest.OWNER))
                        .hasMessageContaining("live writer (pid " + child.pid() + ")");

                child.process().destroyForcibly().waitFor();
                await().atMost(Duration.ofSeconds(10)).until(() -> reader.writerStatus() == WriterStatus.GONE);
                assertThat(reader.read().timestampMs()).as("the last record stays readable").isEqualTo(5);

                try (StateWriter next = StateWriter.create(path, 2, Duration.ofSeconds(1), StateRegionTest.OWNER);
                        StateReader fresh = StateReader.attach(path)) {
                    assertThat(fresh.writerStatus()).isEqualTo(WriterStatus.LIVE);
                    assertThat(fresh.writerPid()).isEqualTo(ProcessHandle.current().pid());
                    assertThat(fresh.read().timestampMs()).isNotEqualTo(5);
                }
            }
        } finally {
            child.process().destroyForcibly();
        }
    }
}
