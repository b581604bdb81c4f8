package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.SessionOperator;
import org.teleopmon.api.usage.Stalls;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;

/** Usage totals over rows written straight to the file, so that every figure is known. */
class UsageQueryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T23:59:00Z");

    @TempDir
    Path dir;

    @Test
    void qualityIsTheSampleWeightedMeanAndSessionsWithoutOperatorsCountAsUnknown() throws Exception {
        try (Store store = new Store(dir.resolve("usage.db"), Clock.systemUTC())) {
            store.open();
            store.write(new Batch(List.of(
                    row("a", T0, 100, 10.0, 10, Drive.ALICE),
                    row("b", T0.plusSeconds(120), 50, 40.0, 30, Drive.ALICE, Drive.BOB),
                    row("c", T0.plusSeconds(240), 25, Double.NaN, 0)), List.of()));

            List<UsageTotal> operators = store.read(c -> UsageQuery.run(c, null, null, UsageGrouping.OPERATOR));
            assertThat(operators).extracting(UsageTotal::label).containsExactly("alice", "bob", "unknown");
            UsageTotal alice = operators.get(0);
            assertThat(alice.sessions()).isEqualTo(2);
            assertThat(alice.time()).isEqualTo(Duration.ofSeconds(150));
            assertThat(alice.quality().get("latency_ms")).isCloseTo((10.0 * 10 + 40.0 * 30) / 40, within(1e-9));
            assertThat(operators.get(2).key()).isEmpty();
            assertThat(operators.get(2).quality()).isEmpty();

            List<UsageTotal> days = store.read(c -> UsageQuery.run(c, null, null, UsageGrouping.DAY));
            assertThat(days).extracting(UsageTotal::key).containsExactly("2026-12-01", "2026-12-02");
            assertThat(days).extracting(UsageTotal::sessions).containsExactly(1L, 2L);
            List<UsageTotal> robots = store.read(c -> UsageQuery.run(c, T0.plusSeconds(120), T0.plusSeconds(240),
                    UsageGrouping.ROBOT));
            assertThat(robots).extracting(UsageTotal::key, UsageTotal::sessions)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("robot-1", 1L));
        }
    }

    private static SessionRow row(String id, Instant start, long seconds, double latency, long samples,
            org.teleopmon.api.Operator... operators) {
        Instant end = start.plusSeconds(seconds);
        SessionRecord record = new SessionRecord(id, start, end, Duration.ofSeconds(seconds), List.of(operators),
                "lekiwi", Map.of(), EndReason.of(EndReason.Kind.IDLE, "", end));
        Map<String, Quality> quality = samples == 0 ? Map.of()
                : Map.of("latency_ms", new Quality(latency, latency, latency, latency, samples));
        List<SessionOperator> seen = java.util.Arrays.stream(operators).map(o -> new SessionOperator(o, start, end))
                .toList();
        return new SessionRow(new LedgerSession(record, "robot-1", 90, List.of("zmq"), quality, Stalls.UNKNOWN, seen,
                List.of()), end, end);
    }
}
