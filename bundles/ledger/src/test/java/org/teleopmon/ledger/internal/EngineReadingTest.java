package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.teleopmon.ledger.internal.Drive.ALICE;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.testsupport.TestClock;

/** What the ledger reads from the engine on its heartbeats: the state it samples, and a session it did not see start. */
class EngineReadingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final RunningEngine engine = new RunningEngine();
    private Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private Ledger start() {
        return Ledger.start(new Settings(dir.resolve("usage.db"), Duration.ofDays(365), Duration.ofMillis(100), 500),
                clock, () -> engine, () -> null);
    }

    @Test
    void aSessionRunningBeforeTheLedgerStartedIsPickedUpAndKeptAcrossALedgerRestart() {
        SessionRecord running = Drive.open("e1", T0, ALICE);
        engine.sessions = List.of(running);
        engine.state = Drive.active(T0.plusSeconds(5), T0, ALICE, 20);
        clock.set(T0.plusSeconds(5));
        ledger = start();
        LedgerSession picked = await().until(() -> ledger.session("e1"), s -> s.isPresent()
                && s.get().quality().containsKey(Measurements.LATENCY_MS)).orElseThrow();
        assertThat(picked.session().isOpen()).isTrue();
        assertThat(picked.session().start()).isEqualTo(T0);

        ledger.close();
        ledger = null;
        engine.state = Drive.active(T0.plusSeconds(9), T0, ALICE, 40);
        clock.set(T0.plusSeconds(9));
        ledger = start();
        await().until(() -> ledger.session("e1").orElseThrow().session().isOpen());
        long before = picked.quality().get(Measurements.LATENCY_MS).samples();
        await().until(() -> ledger.session("e1").orElseThrow().quality().get(Measurements.LATENCY_MS).samples()
                > before + 2);
        ledger.onEvent(Drive.stopped(running, T0.plusSeconds(10), EndReason.Kind.OPERATOR_CLOSED));

        LedgerSession ended = ledger.session("e1").orElseThrow();
        assertThat(ended.session().endReason().kind()).isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
        assertThat(ended.session().duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ended.quality().get(Measurements.LATENCY_MS).min()).as("samples before the restart kept")
                .isEqualTo(20);
        assertThat(ended.quality().get(Measurements.LATENCY_MS).max()).isEqualTo(40);
    }

    @Test
    void aCrashDuringTheHoldTimeEndsTheSessionAtTheLastHeartbeatWithADetectorActive() {
        ledger = start();
        SessionRecord open = Drive.open("s1", T0, ALICE);
        engine.sessions = List.of(open);
        engine.state = Drive.active(T0, T0, ALICE, 10);
        ledger.onEvent(Drive.started(open, engine.state));
        clock.set(T0.plusSeconds(3));
        await().until(() -> ledger.session("s1").orElseThrow().session().duration().equals(Duration.ofSeconds(3)));
        // commands stop: the detector goes inactive while the engine holds the session open
        engine.detectorActive = false;
        await().during(Duration.ofMillis(300)).until(() -> true);
        clock.set(T0.plusSeconds(6));
        await().until(() -> ledger.session("s1").orElseThrow().session().duration().equals(Duration.ofSeconds(6)));

        engine.sessions = List.of();
        engine.state = org.teleopmon.api.TeleopState.idle("lekiwi", T0.plusSeconds(6));
        ledger.close(); // a clean stop, then the row is made to look like a killed monitor's
        ledger = null;
        try (var c = Drive.jdbc(dir.resolve("usage.db")); var s = c.createStatement()) {
            s.executeUpdate("UPDATE sessions SET ended_ms = NULL, end_reason = NULL, end_kind = NULL, end_detail = NULL");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        ledger = start();
        SessionRecord record = await().until(() -> ledger.session("s1").orElseThrow().session(), r -> !r.isOpen());
        assertThat(record.endReason().kind()).isEqualTo(EndReason.Kind.MONITOR_CRASHED);
        assertThat(record.end()).as("the last heartbeat at which the detector still saw commands")
                .isEqualTo(T0.plusSeconds(3));
    }
}
