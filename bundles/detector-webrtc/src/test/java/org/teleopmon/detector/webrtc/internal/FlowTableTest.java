package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.BuiltPacket;

/** The flow table's eviction keeps every remaining flow reachable (backward-shift deletion). */
class FlowTableTest {

    private static final long T0 = 1_800_000_000_000_000_000L;

    @Test
    void unprovenFlowsGiveWayAndTheRestStayFindable() {
        Settings settings = new Settings(Set.of(3478), Set.of(), 2_000_000_000L, 1_000_000_000L, 8_000_000_000L,
                8, 4);
        FlowTable table = new FlowTable(settings);
        int[] dir = new int[1];
        for (int i = 0; i < 40; i++) {
            BuiltPacket p = packet(i);
            assertThat(table.create(p, p.timestampNanos(), dir)).isNotNull();
            // The newest eight are still there, found from either direction of their packet.
            for (int j = Math.max(0, i - 7); j <= i; j++) {
                assertThat(table.find(packet(j), dir)).as("flow %d after creating %d", j, i).isNotNull();
            }
        }
        assertThat(table.size()).isEqualTo(8);
        assertThat(table.evicted).isEqualTo(32);
        assertThat(table.refused).isZero();
        assertThat(table.find(packet(0), dir)).isNull();
    }

    /** Flows whose ports collide in few slots, so probe runs wrap and shift. */
    private static BuiltPacket packet(int i) {
        return BuiltPacket.udp(T0 + i * 1_000_000L, "10.0.0." + (1 + i % 3), 40000 + i * 16, "10.0.0.9", 50000,
                Wire.rtp(96, false, i, 0, i, 20));
    }
}
