package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.ledger.internal.Drive.ALICE;
import static org.teleopmon.ledger.internal.Drive.BOB;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;
import org.teleopmon.testsupport.TestClock;

/**
 * The shipped Python reader ({@code clients/python/teleop_ledger.py}, Debian's python3, stdlib sqlite3)
 * on a file the ledger writes, while it runs: the same totals as {@link Ledger#usage} for each grouping,
 * the running session first, and a clear error on a file that is no ledger.
 */
@Requires(Prerequisite.PYTHON)
class PythonLedgerReaderTest {

    private static final Path READER = Path.of(System.getProperty("basedir", "."), "../../clients/python/teleop_ledger.py");
    private static final Instant T0 = Instant.parse("2026-12-06T22:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void thePythonReaderAgreesWithTheLedgerByOperatorDayAndRobot() throws Exception {
        Path file = dir.resolve("usage.db");
        RunningEngine engine = new RunningEngine();
        ledger = Ledger.start(new Settings(file, java.time.Duration.ZERO, java.time.Duration.ofSeconds(1), 500), clock,
                () -> engine, () -> null);
        // Sessions across midnight UTC, two operators, sampled quality; the last one still runs.
        session(engine, "s1", T0, ALICE, 40, 12);
        session(engine, "s2", T0.plusSeconds(3600), BOB, 95, 30);
        session(engine, "s3", T0.plusSeconds(7200), ALICE, 61, 18);
        SessionRecord running = Drive.open("s4", T0.plusSeconds(9000), BOB);
        clock.set(running.start());
        engine.state = Drive.active(clock.instant(), running.start(), BOB, 25);
        engine.sessions = List.of(running);
        ledger.onEvent(Drive.started(running, engine.state));
        clock.advanceMillis(4500);
        ledger.heartbeatNow();
        // The scheduled heartbeats go on in real time: an idle state adds no sample between the two readers.
        engine.state = org.teleopmon.api.TeleopState.idle("lekiwi", clock.instant());

        for (UsageGrouping by : UsageGrouping.values()) {
            List<UsageTotal> java = ledger.usage(null, null, by);
            JsonNode python = JSON.readTree(python(file.toString(), "usage", "--by", by.wireName()));
            assertThat(totals(python)).as("by " + by.wireName()).isEqualTo(totals(java));
            assertThat(python.size()).isEqualTo(java.size());
        }
        JsonNode since = JSON.readTree(python(file.toString(), "usage", "--by", "day", "--since", "2026-12-07"));
        assertThat(totals(since)).isEqualTo(totals(ledger.usage(Instant.parse("2026-12-07T00:00:00Z"), null,
                UsageGrouping.DAY)));

        JsonNode sessions = JSON.readTree(python(file.toString(), "sessions", "--limit", "10"));
        assertThat(sessions).hasSize(4);
        assertThat(sessions.get(0).path("id").asText()).isEqualTo("s4");
        assertThat(sessions.get(0).path("is_active").asBoolean()).isTrue();
        assertThat(sessions.get(0).path("duration").asDouble()).isEqualTo(4.5);
        assertThat(sessions.get(1).path("end_class").asText()).isEqualTo("idle");
        assertThat(sessions.get(1).path("operators").get(0).path("name").asText()).isEqualTo("alice");
    }

    @Test
    void aFileThatIsNoLedgerIsAClearErrorNotATraceback() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.db"), "not a database, just text ".repeat(100));
        Process p = start(notes.toString(), "usage");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("teleop_ledger: cannot read the usage ledger").doesNotContain("Traceback");
    }

    private void session(RunningEngine engine, String id, Instant start, org.teleopmon.api.Operator operator,
            int seconds, double latency) throws Exception {
        clock.set(start);
        SessionRecord open = Drive.open(id, start, operator);
        engine.state = Drive.active(start, start, operator, latency);
        engine.sessions = List.of(open);
        ledger.onEvent(Drive.started(open, engine.state));
        for (int i = 0; i < 3; i++) {
            clock.advanceMillis(500);
            engine.state = Drive.active(clock.instant(), start, operator, latency + i);
            ledger.onEvent(TeleopEvent.stateUpdate(engine.state));
            ledger.heartbeatNow();
        }
        ledger.onEvent(Drive.stopped(open, start.plusSeconds(seconds), EndReason.Kind.IDLE));
        engine.sessions = List.of();
    }

    private static Map<String, String> totals(JsonNode totals) {
        Map<String, String> byKey = new TreeMap<>();
        totals.forEach(t -> byKey.put(t.path("key").asText(), t.path("label").asText() + " " + t.path("sessions").asLong()
                + " " + round(t.path("time").asDouble()) + " " + quality(t.path("quality"))));
        return byKey;
    }

    private static Map<String, String> totals(List<UsageTotal> totals) {
        Map<String, String> byKey = new TreeMap<>();
        totals.forEach(t -> byKey.put(t.key(), t.label() + " " + t.sessions() + " " + round(t.time().toMillis() / 1000.0)
                + " " + new TreeMap<>(Map.copyOf(t.quality())).entrySet().stream()
                        .map(e -> e.getKey() + "=" + round(e.getValue())).toList()));
        return byKey;
    }

    private static List<String> quality(JsonNode quality) {
        List<String> out = new java.util.ArrayList<>();
        quality.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + round(e.getValue().asDouble())));
        return out.stream().sorted().toList();
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }

    private static String python(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Prerequisite.PYTHON3, READER.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
