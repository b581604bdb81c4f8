package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.BuiltPacket;

/** The table's bound: a flood of new flows churns probation only. */
class FlowTableTest {

    @Test
    void aFloodOfRandomFlowsNeverEvictsAProvenFlowNorGrowsTheTable() {
        FlowTable table = new FlowTable(256);
        BuiltPacket vr = BuiltPacket.tcp(Traffic.T0, "10.0.0.7", 40000, "10.0.0.2", 8442, 1, 0x18, new byte[10]);
        Flow live = table.create(6, vr.array(), vr.srcAddressOffset(), 40000, vr.dstAddressOffset(), 8442, 4,
                Traffic.T0, Flow.Source.CAPTURE);
        table.promote(live);
        live.pinned = true;
        Random random = new Random(17);
        for (int i = 0; i < 100_000; i++) {
            BuiltPacket p = BuiltPacket.udp(Traffic.T0 + i, "10." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256), 1024 + random.nextInt(60000), "10.0.0.2", 1 + random.nextInt(65535), new byte[8]);
            if (table.find(17, p.array(), p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(), 4) == null) {
                table.create(17, p.array(), p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(), 4,
                        p.timestampNanos(), Flow.Source.CAPTURE);
            }
            assertThat(table.size()).isLessThanOrEqualTo(256);
        }
        assertThat(table.find(6, vr.array(), vr.srcAddressOffset(), 40000, vr.dstAddressOffset(), 8442, 4)).isSameAs(live);
        assertThat(table.find(6, vr.array(), vr.dstAddressOffset(), 8442, vr.srcAddressOffset(), 40000, 4)).isSameAs(live);
        assertThat(table.evicted).isEqualTo(100_000 - 255);
    }

    @Test
    void pinnedProtectedFlowsOutliveProtectedOverflow() {
        FlowTable table = new FlowTable(64);
        Flow pinned = null;
        for (int i = 0; i < 200; i++) {
            BuiltPacket p = BuiltPacket.udp(Traffic.T0 + i, "10.0.1." + (i % 250), 5000 + i, "10.0.0.2", 6000, new byte[8]);
            Flow f = table.create(17, p.array(), p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(), 4,
                    p.timestampNanos(), Flow.Source.CAPTURE);
            table.promote(f);
            if (i == 0) {
                pinned = f;
                f.pinned = true;
            }
            assertThat(table.size()).isLessThanOrEqualTo(64);
        }
        assertThat(table.isProtected(pinned)).isTrue();
        assertThat(table.size()).isEqualTo(64);
    }
}
