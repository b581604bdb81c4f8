package org.teleopmon.shm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.Alert;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.shm.reader.RingLayout;
import org.teleopmon.shm.reader.RingReader;
import org.teleopmon.shm.reader.ShmPaths;
import org.teleopmon.shm.reader.ShmState;
import org.teleopmon.shm.reader.StateReader;
import org.teleopmon.shm.reader.WriterStatus;
import org.teleopmon.wire.Wire;

class ShmPublisherTest {

    @TempDir
    Path dir;

    private final List<ShmPublisher> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ShmPublisher publisher : started) {
            publisher.deactivate();
        }
    }

    private ShmPublisher start(int bufferSize, String mode) {
        ShmPublisher publisher = new ShmPublisher(config("ns", dir.toString(), bufferSize, mode));
        started.add(publisher);
        return publisher;
    }

    static TeleopState active(Instant at) {
        Operator op = new Operator("10.0.0.7", "alice", IdentitySource.NETWORK_PEER, "zmq 5555");
        return new TeleopState(true, List.of(new OperatorInfo(op, at.minusSeconds(5), at, Set.of("zmq"))), 85,
                at.minusSeconds(5), Duration.ofSeconds(5), "lekiwi",
                Map.of(Measurements.LATENCY_MS, new Reading(12.5, "zmq", at), Measurements.FPS,
                        new Reading(29.0, "zmq", at)), at);
    }

    @Test
    void eventsReachTheStateRegionAndTheRing() throws Exception {
        ShmPublisher publisher = start(65536, "0600");
        assertThat(publisher.health()).isEqualTo(Health.ok());
        Path statePath = ShmPaths.state(dir, "ns");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(statePath))).isEqualTo("rw-------");

        try (StateReader state = StateReader.attach(statePath);
                RingReader ring = RingReader.attach(ShmPaths.ring(dir, "ns"))) {
            Instant now = Instant.parse("2026-01-01T10:00:00Z");
            TeleopEvent update = TeleopEvent.stateUpdate(active(now));
            TeleopEvent warning = TeleopEvent.alert(new Alert("latency", "zmq", Severity.WARNING, Alert.State.FIRING,
                    EventType.LATENCY_WARNING, 250, 200, "latency \"high\"", now), active(now));
            publisher.onEvent(update);
            publisher.onEvent(warning);

            ShmState read = state.read();
            assertThat(read.active()).isTrue();
            assertThat(read.confidence()).isEqualTo(85);
            assertThat(read.operators()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo("10.0.0.7");
                assertThat(o.name()).isEqualTo("alice");
                assertThat(o.source()).isEqualTo("NETWORK_PEER");
            });
            assertThat(read.startTimeMs()).isEqualTo(now.minusSeconds(5).toEpochMilli());
            assertThat(read.durationMs()).isEqualTo(5000);
            assertThat(read.robotType()).isEqualTo("lekiwi");
            assertThat(read.metrics().latencyMs()).isEqualTo(12.5);
            assertThat(read.metrics().fps()).isEqualTo(29.0);
            assertThat(read.metrics().presentMask()).isEqualTo(0b1001);
            assertThat(read.timestampMs()).isEqualTo(now.toEpochMilli());

            List<String> records = new ArrayList<>();
            ring.poll((type, seq, ts, buffer, offset, length) -> records.add(type + " " + seq + " "
                    + buffer.getStringWithoutLengthUtf8(offset, length)), 10);
            // The wire's event message (docs/wire.md), as the WebSocket sends it but without seq.
            assertThat(records).containsExactly("1 1 " + Wire.write(update), "6 2 " + Wire.write(warning));
            assertThat(records.get(0)).startsWith("1 1 {\"type\":\"state_update\",\"timestamp\":1767261600.000,"
                    + "\"data\":{\"is_active\":true,");
            assertThat(records.get(1)).startsWith("6 2 {\"type\":\"latency_warning\",\"timestamp\":1767261600.000,"
                    + "\"data\":{\"rule\":\"latency\",\"subject\":\"zmq\",\"severity\":\"warning\",\"status\":\"firing\"")
                    .contains("\"value\":250.0,\"threshold\":200.0,\"message\":\"latency \\\"high\\\"\"");
        }
    }

    /** An event type added to the API without a ring id could not be written (it was, for the stall events). */
    @Test
    void everyEventTypeHasItsOwnRingTypeId() {
        for (EventType type : EventType.values()) {
            int id = RingLayout.typeId(type.wireName());
            assertThat(id).as(type.wireName()).isPositive();
            assertThat(RingLayout.typeName(id)).isEqualTo(type.wireName());
        }
    }

    @Test
    void anOlderStateNeverOverwritesANewerOne() throws Exception {
        ShmPublisher publisher = start(65536, "0600");
        Instant now = Instant.now();
        publisher.onEvent(TeleopEvent.stateUpdate(active(now)));
        publisher.onEvent(TeleopEvent.stateUpdate(TeleopState.idle("lekiwi", now.minusSeconds(1))));
        try (StateReader state = StateReader.attach(ShmPaths.state(dir, "ns"))) {
            assertThat(state.read().active()).isTrue();
        }
    }

    /** The heartbeat interval the header promises (docs/shm.md: offset 48, little-endian u32). */
    private static int promisedInterval(Path file) throws java.io.IOException {
        return java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(48);
    }

    @Test
    void outOfASessionTheHeartbeatSlowsToASecondSaysSoAndStaysLiveAndASessionBringsTheFastPaceBack()
            throws Exception {
        ShmPublisher publisher = start(1024, "0600");
        Path statePath = ShmPaths.state(dir, "ns");
        Path ringPath = ShmPaths.ring(dir, "ns");
        try (StateReader state = StateReader.attach(statePath)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> promisedInterval(statePath) == 1000
                    && promisedInterval(ringPath) == 1000);
            // Three idle heartbeats: a reader polling all the while never sees the writer gone.
            await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(5))
                    .until(() -> state.writerStatus() == WriterStatus.LIVE);

            publisher.onEvent(TeleopEvent.stateUpdate(active(Instant.now())));
            // This test's update.interval: 50 ms.
            await().atMost(Duration.ofSeconds(5)).until(() -> promisedInterval(statePath) == 50
                    && promisedInterval(ringPath) == 50);
            assertThat(state.writerStatus()).isEqualTo(WriterStatus.LIVE);
        }
    }

    @Test
    void theHeartbeatKeepsReadersSeeingALiveWriterAndStopRemovesTheFiles() throws Exception {
        ShmPublisher publisher = start(1024, "0640");
        Path statePath = ShmPaths.state(dir, "ns");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(statePath))).isEqualTo("rw-r-----");
        try (StateReader state = StateReader.attach(statePath)) {
            long heartbeats = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - heartbeats > 1_500_000_000L
                    && state.writerStatus() == WriterStatus.LIVE);
            publisher.deactivate();
            started.clear();
            assertThat(state.writerStatus()).isEqualTo(WriterStatus.STOPPED);
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBadRingSizeDisablesOnlyTheRingAndAnOversizedEventIsCountedNotFatal() throws Exception {
        ShmPublisher bad = start(3000, "0600");
        assertThat(bad.health().status()).isEqualTo(Health.Status.CRITICAL);
        assertThat(bad.health().message()).contains("telemetry ring disabled", "power of two");
        bad.onEvent(TeleopEvent.stateUpdate(active(Instant.now())));
        try (StateReader state = StateReader.attach(ShmPaths.state(dir, "ns"))) {
            assertThat(state.read().active()).isTrue();
        }
        bad.deactivate();
        started.clear();

        ShmPublisher small = start(1024, "0600");
        Operator huge = new Operator("x".repeat(400), "y", IdentitySource.OTHER, "");
        Instant now = Instant.now();
        small.onEvent(TeleopEvent.operator(EventType.OPERATOR_CONNECTED, active(now),
                new OperatorInfo(huge, now, now, Set.of())));
        assertThat(small.health().status()).isEqualTo(Health.Status.WARN);
        assertThat(small.health().message()).contains("exceeds the ring's record limit", "1 events not written");
    }

    @Test
    void aNamespaceHeldByALiveWriterIsReportedAndLeftAlone() throws Exception {
        ShmPublisher first = start(65536, "0600");
        ShmPublisher second = start(65536, "0600");
        assertThat(first.health()).isEqualTo(Health.ok());
        assertThat(second.health().status()).isEqualTo(Health.Status.CRITICAL);
        assertThat(second.health().message()).contains("live writer", "choose another namespace");
        assertThat(second.component()).isEqualTo("shm");
    }

    static ShmConfig config(String namespace, String directory, int bufferSize, String mode) {
        return new ShmConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ShmConfig.class; }
            @Override public String namespace() { return namespace; }
            @Override public String directory() { return directory; }
            @Override public int buffer_size() { return bufferSize; }
            @Override public int operator_slots() { return 8; }
            @Override public double update_interval() { return 0.05; }
            @Override public String file_mode() { return mode; }
            @Override public boolean remove_on_stop() { return true; }
        };
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
