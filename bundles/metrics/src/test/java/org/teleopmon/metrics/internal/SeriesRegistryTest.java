package org.teleopmon.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SeriesRegistryTest {

    private final SeriesRegistry registry = new SeriesRegistry(new WindowShape(Duration.ofSeconds(60), 12, 0.01),
            new SeriesRegistry.Limits(5, 3, 2));

    @Test
    void seriesAndTagCardinalityAreBoundedAndRefusalsCounted() {
        for (int i = 0; i < 10; i++) {
            registry.record("fps", 30, Map.of("stream", "cam" + i), 1_000);
        }
        assertThat(registry.size()).isEqualTo(3);
        registry.record("a", 1, Map.of(), 1_000);
        registry.record("b", 1, Map.of(), 1_000);
        assertThat(registry.record("c", 1, Map.of(), 1_000)).isFalse();
        assertThat(registry.size()).isEqualTo(5);
        assertThat(registry.refused()).isEqualTo(7 + 1);
        assertThat(registry.record("fps", 29, Map.of("stream", "cam0"), 1_001)).as("existing series").isTrue();
    }

    @Test
    void badSamplesAreRefusedNotThrown() {
        assertThat(registry.record("x", Double.NaN, Map.of(), 1)).isFalse();
        assertThat(registry.record("x", Double.POSITIVE_INFINITY, Map.of(), 1)).isFalse();
        assertThat(registry.record(null, 1, Map.of(), 1)).isFalse();
        assertThat(registry.record("x", 1, Map.of("a", "1", "b", "2", "c", "3"), 1)).as("too many tags").isFalse();
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        assertThat(registry.record("x", 1, nullValue, 1)).isFalse();
        assertThat(registry.record("x".repeat(200), 1, Map.of(), 1)).isFalse();
        assertThat(registry.refused()).isEqualTo(6);
        assertThat(registry.size()).isZero();
    }

    @Test
    void aTagMapOfAnyKindFindsItsSeries() {
        Map<String, String> hashMap = new HashMap<>(Map.of("stream", "front", "robot", "lekiwi"));
        registry.record("fps", 30, hashMap, 1_000);
        registry.record("fps", 20, Map.of("robot", "lekiwi", "stream", "front"), 1_001);
        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.find("fps", hashMap).summary(1_002).count()).isEqualTo(2);
    }

    @Test
    void concurrentWritersLoseNoSample() throws InterruptedException {
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    registry.record("latency_ms", i % 100, Map.of(), 1_000 + i / 100);
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(registry.find("latency_ms", Map.of()).summary(1_500).count()).isEqualTo(200_000);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void silentSeriesExpireAndFreeTheirSlots() {
        for (int i = 0; i < 5; i++) {
            registry.record("s" + i, 1, Map.of(), 1_000);
        }
        registry.record("late", 1, Map.of(), 1_000);
        registry.record("s0", 1, Map.of(), 400_000);
        assertThat(registry.expire(300_000)).isEqualTo(4);
        assertThat(registry.record("late", 1, Map.of(), 400_001)).isTrue();
        assertThat(registry.all()).extracting(Series::name).containsExactly("late", "s0");
    }
}
