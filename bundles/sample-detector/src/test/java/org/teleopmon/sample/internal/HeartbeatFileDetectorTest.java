package org.teleopmon.sample.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.DetectorSignal;

class HeartbeatFileDetectorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private final List<DetectorSignal> pushed = new ArrayList<>();

    @Test
    void freshHeartbeatIsActiveWithItsOperatorAndIsPushedOnce() throws IOException {
        Path file = touch("alice\nignored", NOW.minusMillis(200));
        HeartbeatFileDetector detector = detector(file);

        detector.poll();
        detector.poll();

        assertThat(detector.detect().active()).isTrue();
        assertThat(detector.detect().operators()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo("alice"));
        assertThat(pushed).hasSize(1);
    }

    @Test
    void staleOrMissingHeartbeatIsIdle() throws IOException {
        HeartbeatFileDetector missing = detector(dir.resolve("none"));
        missing.poll();
        assertThat(missing.detect().active()).isFalse();
        assertThat(missing.health().isOk()).isTrue();

        HeartbeatFileDetector stale = detector(touch("", NOW.minusSeconds(5)));
        stale.poll();
        assertThat(stale.detect().active()).isFalse();
        assertThat(stale.detect().reason()).contains("stale");
        assertThat(pushed).isEmpty();
    }

    @Test
    void hugeFileYieldsABoundedOperatorName() throws IOException {
        HeartbeatFileDetector detector = detector(touch("x".repeat(1_000_000), NOW));
        detector.poll();
        assertThat(detector.detect().operators().get(0).id()).hasSize(128);
    }

    @Test
    void unreadableHeartbeatIsReportedInHealth() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        Files.setLastModifiedTime(directory, FileTime.from(NOW));
        HeartbeatFileDetector detector = detector(directory);

        detector.poll();

        assertThat(detector.detect().active()).isFalse();
        assertThat(detector.health().message()).contains("cannot read");
    }

    private Path touch(String content, Instant when) throws IOException {
        Path file = dir.resolve("heartbeat");
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(when));
        return file;
    }

    private HeartbeatFileDetector detector(Path file) {
        HeartbeatFileDetector detector = new HeartbeatFileDetector(config(file), Clock.fixed(NOW, ZoneOffset.UTC));
        detector.listeners.add(pushed::add);
        return detector;
    }

    private static HeartbeatFileDetector.Config config(Path file) {
        return new HeartbeatFileDetector.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HeartbeatFileDetector.Config.class;
            }

            @Override
            public String path() {
                return file.toString();
            }

            @Override
            public double freshness() {
                return 1.0;
            }

            @Override
            public double poll_interval() {
                return 0.1;
            }

            @Override
            public int confidence() {
                return 80;
            }
        };
    }
}
