package org.teleopmon.detector.webrtc.internal;

import java.util.ArrayList;
import java.util.List;

import org.teleopmon.api.capture.Packet;

/**
 * Flows by 5-tuple in an open-addressing table: a lookup on the packet path allocates nothing
 * (a map keyed by a boxed or composite key would allocate per packet). Bounded: past
 * {@code maxFlows} new flows are refused and counted until the tick expires idle ones.
 */
final class FlowTable {

    private final Settings settings;
    private Flow[] slots;
    private int size;
    long refused;
    long evicted;

    FlowTable(Settings settings) {
        this.settings = settings;
        this.slots = new Flow[Integer.highestOneBit(Math.max(4, settings.maxFlows()) * 2 - 1) * 2];
    }

    /** The packet's flow and its direction in {@code dir[0]}, or null. */
    Flow find(Packet p, int[] dir) {
        int length = p.addressLength();
        int hash = Flow.hash(p.array(), p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(), length);
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != null; i = i + 1 & mask) {
            Flow flow = slots[i];
            if (flow.hash == hash) {
                int d = flow.direction(p);
                if (d >= 0) {
                    dir[0] = d;
                    return flow;
                }
            }
        }
        return null;
    }

    /**
     * A new flow for the packet (not yet in the table), its direction in {@code dir[0]}. When the
     * table is full, the stalest flow that has proven nothing gives way (random datagrams that look
     * like RTP must not lock real calls out); null when every flow has proven something.
     */
    Flow create(Packet p, long now, int[] dir) {
        if (size >= settings.maxFlows() && !evictUnproven()) {
            refused++;
            return null;
        }
        int length = p.addressLength();
        int hash = Flow.hash(p.array(), p.srcAddressOffset(), p.srcPort(), p.dstAddressOffset(), p.dstPort(), length);
        Flow flow = new Flow(p, hash, now, settings);
        insert(flow);
        dir[0] = flow.direction(p);
        return flow;
    }

    List<Flow> all() {
        List<Flow> flows = new ArrayList<>(size);
        for (Flow flow : slots) {
            if (flow != null) {
                flows.add(flow);
            }
        }
        return flows;
    }

    int size() {
        return size;
    }

    /**
     * Drops flows silent for longer than {@code idleNanos}, except those {@code keep} holds (a
     * call that moved to another candidate pair still owns the old pair's counts); returns them.
     */
    List<Flow> expire(long now, long idleNanos, java.util.function.Predicate<Flow> keep) {
        List<Flow> kept = new ArrayList<>(size);
        List<Flow> gone = new ArrayList<>();
        for (Flow flow : slots) {
            if (flow != null) {
                (now - flow.lastNanos > idleNanos && !keep.test(flow) ? gone : kept).add(flow);
            }
        }
        if (!gone.isEmpty()) {
            java.util.Arrays.fill(slots, null);
            size = 0;
            kept.forEach(this::insert);
        }
        return gone;
    }

    private boolean evictUnproven() {
        Flow victim = null;
        for (Flow flow : slots) {
            if (flow != null && !flow.proven() && (victim == null || flow.lastNanos < victim.lastNanos)) {
                victim = flow;
            }
        }
        if (victim == null) {
            return false;
        }
        remove(victim);
        evicted++;
        return true;
    }

    /**
     * Linear-probing deletion by backward shift (Knuth 6.4, algorithm R): later members of the
     * probe run move up so lookups need no tombstones. Allocates nothing, as it runs on the packet
     * path when random datagrams fill the table.
     */
    private void remove(Flow flow) {
        int mask = slots.length - 1;
        int hole = flow.hash & mask;
        while (slots[hole] != flow) {
            hole = hole + 1 & mask;
        }
        slots[hole] = null;
        size--;
        for (int i = hole + 1 & mask; slots[i] != null; i = i + 1 & mask) {
            int home = slots[i].hash & mask;
            // Move slots[i] into the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (!homeBetween) {
                slots[hole] = slots[i];
                slots[i] = null;
                hole = i;
            }
        }
    }

    private void insert(Flow flow) {
        int mask = slots.length - 1;
        int i = flow.hash & mask;
        while (slots[i] != null) {
            i = i + 1 & mask;
        }
        slots[i] = flow;
        size++;
    }
}
