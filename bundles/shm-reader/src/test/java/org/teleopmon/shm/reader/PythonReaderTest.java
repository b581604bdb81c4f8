package org.teleopmon.shm.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Python reader ({@code clients/python/teleop_shm.py}, Debian's python3) on files the Java writer wrote. */
class PythonReaderTest {

    @TempDir
    Path dir;

    private ChildProcess.Result cli(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--dir", dir.toString(), "--namespace", "py"}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return ChildProcess.python(ChildProcess.PYTHON_CLIENT.toString(), all).finish(30);
    }

    @Test
    void readsTheStateTheJavaWriterPublished() throws Exception {
        try (SharedMemoryManager shm = new SharedMemoryManager("py", dir)) {
            shm.initialize(true);
            shm.stateWriter().publish(TestStates.of(7));
            shm.stateWriter().heartbeat();

            ChildProcess.Result state = cli("state");
            assertThat(state.code()).as(state.output()).isZero();
            assertThat(state.output()).contains("\"is_active\": false", "\"confidence\": 7", "\"robot_type\": \"xle\"",
                    "\"id\": \"op-7-2\"", "\"update_counter\": 2", "\"writer\": \"live\"");

            // The same expectation as the torn-read check, field by field.
            ChildProcess.Result compare = ChildProcess.python("-c", "import sys; sys.path.insert(0, 'src/test/python');"
                    + "import teleop_shm, check_consistency as c; s = teleop_shm.StateReader(path=sys.argv[1]).read();"
                    + "e = c.expected(7); print('SAME' if {k: s[k] for k in e} == e else ('DIFF', s, e))",
                    shm.statePath().toString()).finish(30);
            assertThat(compare.output()).as(compare.output()).contains("SAME");

            ChildProcess.Result metrics = cli("metrics");
            // k = 7 marks the first three measurements present (bits 0..2), fps and command rate unknown.
            assertThat(metrics.output().trim()).isEqualTo(
                    "{\"latency_ms\": 7.0, \"bandwidth_mbps\": 14.0, \"packet_loss_percent\": 21.0}");
        }
    }

    @Test
    void followsTheRingAcrossManyWrapsAndCountsExactlyWhatItMissed() throws Exception {
        try (RingWriter writer = RingWriter.create(dir.resolve("py-ring"), 1024, Duration.ofSeconds(1),
                StateRegionTest.OWNER)) {
            ChildProcess follower = ChildProcess.python(Path.of("src/test/python/ring_follow.py").toString(),
                    writer.path().toString());
            BufferedReader out = new BufferedReader(new InputStreamReader(follower.process().getInputStream(),
                    StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(follower.process().getOutputStream(), StandardCharsets.UTF_8);
            assertThat(out.readLine()).isEqualTo("ready");
            long n = 0;
            // 300 polls of 3 records each (about 60 passes over the 1 KiB ring): nothing may be lost.
            for (int round = 0; round < 300; round++) {
                for (int i = 0; i < 3; i++) {
                    n++;
                    writer.write(1, n * 10, ("{\"n\": " + n + ", \"pad\": \"" + "x".repeat(round % 40) + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }
                assertThat(poll(in, out)).isEqualTo("records=" + n + " missed=0 overruns=0 bad=0 last=" + n);
            }
            // Then 200 records at once: far more than the ring holds. The newest record arrives and the
            // rest are counted, not lost silently.
            for (int i = 0; i < 200; i++) {
                n++;
                writer.write(1, n * 10, ("{\"n\": " + n + "}").getBytes(StandardCharsets.UTF_8));
            }
            Matcher m = Pattern.compile("records=(\\d+) missed=(\\d+) overruns=1 bad=0 last=" + n).matcher(poll(in, out));
            assertThat(m.matches()).as(m.toString()).isTrue();
            assertThat(Long.parseLong(m.group(1)) + Long.parseLong(m.group(2))).isEqualTo(n);
            in.close();
            assertThat(follower.finish(30).code()).isZero();
        }
    }

    @Test
    void theRingCommandPrintsEachEventAsItsWireMessageNumberedByTheRing() throws Exception {
        try (RingWriter writer = RingWriter.create(dir.resolve("py-ring"), 4096, Duration.ofSeconds(1),
                StateRegionTest.OWNER)) {
            writer.write(RingLayout.typeId("latency_warning"), 1_767_261_600_123L, ("{\"type\":\"latency_warning\","
                    + "\"timestamp\":1767261600.123,\"data\":{\"rule\":\"high_latency\",\"value\":150.0}}")
                    .getBytes(StandardCharsets.UTF_8));
            ChildProcess.Result event = cli("ring");
            assertThat(event.code()).as(event.output()).isZero();
            assertThat(event.output().trim()).isEqualTo("{\"type\": \"latency_warning\", \"seq\": 1, "
                    + "\"timestamp\": 1767261600.123, \"data\": {\"rule\": \"high_latency\", \"value\": 150.0}}");

            writer.write(20, 1_767_261_601_000L, new byte[] {1, 2, (byte) 0xff});
            ChildProcess.Result other = cli("ring");
            assertThat(other.output().trim()).isEqualTo("{\"type\": \"type-20\", \"seq\": 2, "
                    + "\"timestamp\": 1767261601.0, \"data\": \"0102ff\"}");
        }
    }

    private static String poll(Writer in, BufferedReader out) throws IOException {
        in.write("poll\n");
        in.flush();
        return out.readLine();
    }

    @Test
    void aStoppedWriterAnotherLayoutAndNoFileAreToldApart() throws Exception {
        ChildProcess.Result none = cli("state");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.output()).contains("is the monitor running?");

        Path path = ShmPaths.state(dir, "py");
        StateWriter.create(path, 2, Duration.ofSeconds(1), StateRegionTest.OWNER).close(false);
        ChildProcess.Result stopped = cli("state");
        assertThat(stopped.code()).isEqualTo(3);
        assertThat(stopped.output()).contains("\"writer\": \"stopped\"");

        StateRegionTest.patchInt(path, ShmHeader.VERSION_OFFSET, 2);
        ChildProcess.Result other = cli("state");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.output()).contains("layout version 2, this reader understands version 1");
    }
}
