package org.teleopmon.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.teleopmon.ledger.internal.Drive.ALICE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;
import org.teleopmon.testsupport.Tmpfs;

/**
 * The kernel says no: a full file system and a read-only one (a tmpfs of our own, since root ignores
 * permissions). The ledger says what to do in its health, keeps taking events, and writes what waited
 * once it can.
 */
@Requires(Prerequisite.ROOT)
class StoreFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    private Tmpfs tmpfs;
    private Ledger ledger;

    @AfterEach
    void cleanUp() {
        if (ledger != null) {
            ledger.close();
        }
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    private Ledger start(Path file) {
        return Ledger.start(new Settings(file, Duration.ofDays(3650), Duration.ofMillis(100), 500), Clock.systemUTC(),
                () -> null, () -> null);
    }

    @Test
    void aFullDiskIsCriticalWithTheFixAndWritesResumeWhenSpaceIsFreed() {
        tmpfs = Tmpfs.mount(dir.resolve("disk"), 512 * 1024);
        ledger = start(tmpfs.dir().resolve("usage.db"));
        Drive.session(ledger, "before", T0, 10, ALICE, EndReason.Kind.IDLE);
        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).hasSize(1);

        tmpfs.fill();
        for (int i = 0; i < 50; i++) {
            Drive.session(ledger, String.format("full%02d", i), T0.plusSeconds(60L * (i + 1)), 30, ALICE,
                    EndReason.Kind.IDLE);
        }
        Instant live = T0.plusSeconds(3600);
        ledger.onEvent(Drive.started(Drive.open("live", live, ALICE), Drive.active(live, live, ALICE, 10)));
        await().atMost(WAIT).until(() -> ledger.health().status() == Health.Status.CRITICAL);
        Health full = ledger.health();
        assertThat(full.message()).contains("the disk is full").contains("free space there")
                .contains("set path of org.teleopmon.ledger").contains("wait in memory");
        assertThat(ledger.counters().waiting()).isGreaterThanOrEqualTo(50);
        assertThat(ledger.counters().failedWrites()).isPositive();
        // still taking events, and still answering from what the file holds
        ledger.onEvent(TeleopEvent.stateUpdate(Drive.active(live.plusSeconds(1), live, ALICE, 12)));
        assertThat(ledger.session("before")).isPresent();

        tmpfs.free();
        await().atMost(WAIT).until(() -> ledger.health().isOk());
        assertThat(ledger.counters().waiting()).isZero();
        assertThat(ledger.sessions(SessionQuery.latest(100)).sessions()).hasSize(52)
                .first().extracting(LedgerSession::id).isEqualTo("live");
    }

    @Test
    void aReadOnlyDirectoryAtStartIsCriticalAndTheFileIsCreatedWhenItTurnsWritable() {
        tmpfs = Tmpfs.mount(dir.resolve("ro"), 1024 * 1024).readOnly();
        ledger = start(tmpfs.dir().resolve("ledger/usage.db"));
        await().atMost(WAIT).until(() -> ledger.health().status() == Health.Status.CRITICAL);
        assertThat(ledger.health().message()).contains("Read-only file system").contains("make " + tmpfs.dir())
                .contains("writable");
        Drive.session(ledger, "waiting", T0, 10, ALICE, EndReason.Kind.OPERATOR_CLOSED);
        assertThatThrownBy(() -> ledger.sessions(SessionQuery.latest(10))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist yet");

        tmpfs.readWrite();
        await().atMost(WAIT).until(() -> ledger.health().isOk());
        assertThat(ledger.session("waiting").orElseThrow().session().endReason().kind())
                .isEqualTo(EndReason.Kind.OPERATOR_CLOSED);
    }

    /** The kernel refuses to remount a file system read-only while a file on it is open for writing: restart on it. */
    @Test
    void aLedgerOnAReadOnlyFileSystemStillAnswersFromItsFileAndWritesOnceItIsWritable() {
        tmpfs = Tmpfs.mount(dir.resolve("flip"), 1024 * 1024);
        Path file = tmpfs.dir().resolve("usage.db");
        ledger = start(file);
        Drive.session(ledger, "before", T0, 10, ALICE, EndReason.Kind.IDLE);
        ledger.close();
        tmpfs.readOnly();

        ledger = start(file);
        await().atMost(WAIT).until(() -> ledger.health().status() == Health.Status.CRITICAL);
        assertThat(ledger.health().message()).contains("read-only").contains("writable by the monitor's user");
        Drive.session(ledger, "during", T0.plusSeconds(60), 10, ALICE, EndReason.Kind.IDLE);
        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).extracting(LedgerSession::id)
                .containsExactly("before");

        tmpfs.readWrite();
        await().atMost(WAIT).until(() -> ledger.health().isOk());
        assertThat(ledger.sessions(SessionQuery.latest(10)).sessions()).extracting(LedgerSession::id)
                .containsExactly("during", "before");
    }
}
