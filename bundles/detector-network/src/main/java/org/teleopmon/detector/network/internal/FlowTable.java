package org.teleopmon.detector.network.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The flows being followed: a fixed pool of {@code capacity} {@link Flow}s allocated once, found by
 * 5-tuple through hash chains in int arrays (a lookup allocates nothing), and ordered in two LRU lists
 * (a segmented LRU): new flows enter <em>probation</em>; a flow that proves itself (on a VR or web_control
 * port, or {@value #PROMOTE_PACKETS} packets, or classified) moves to the <em>protected</em> list, at most
 * half the pool. A new flow in a full table takes the place of the least recently active flow on
 * probation; so a flood of one-packet flows, however long, only churns probation and never evicts a live
 * teleop flow, and memory never grows. Flows counted as teleoperation evidence are {@linkplain Flow#pinned
 * pinned}: a protected flow pushed back to probation is the least recently active one that is not pinned.
 *
 * <p>The hash is seeded at random, so a flood cannot aim at one chain. Single-threaded: the detector
 * serialises calls.
 */
final class FlowTable {

    static final int PROMOTE_PACKETS = 16;
    private static final int NONE = -1;
    private static final byte FREE = 0;
    private static final byte PROBATION = 1;
    private static final byte PROTECTED = 2;
    private static final int PIN_SEARCH = 16;

    private final Flow[] pool;
    private final int[] chainHead;
    private final int[] chainNext;
    private final int[] prev;
    private final int[] next;
    private final byte[] segment;
    private final int[] free;
    private final int[] head = {NONE, NONE, NONE};
    private final int[] tail = {NONE, NONE, NONE};
    private final int[] count = new int[3];
    private final int protectedMax;
    private final int seed = new SecureRandom().nextInt();
    private int freeCount;
    private long nextId = 1;
    long created;
    long evicted;

    FlowTable(int capacity) {
        pool = new Flow[capacity];
        chainHead = new int[Integer.highestOneBit(Math.max(capacity, 2) * 2 - 1)];
        chainNext = new int[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        segment = new byte[capacity];
        free = new int[capacity];
        protectedMax = Math.max(1, capacity / 2);
        Arrays.fill(chainHead, NONE);
        for (int i = 0; i < capacity; i++) {
            pool[i] = new Flow(i);
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    int capacity() {
        return pool.length;
    }

    int size() {
        return pool.length - freeCount;
    }

    /** The flow of this 5-tuple in either direction, or null. */
    Flow find(int transport, byte[] b, int srcOffset, int srcPort, int dstOffset, int dstPort, int length) {
        int h = hash(transport, b, srcOffset, srcPort, dstOffset, dstPort, length);
        for (int i = chainHead[h & chainHead.length - 1]; i != NONE; i = chainNext[i]) {
            Flow f = pool[i];
            if (f.hash == h && f.matches(transport, b, srcOffset, srcPort, dstOffset, dstPort, length)) {
                return f;
            }
        }
        return null;
    }

    /**
     * A new flow from A (the source) to B, on probation; in a full table it replaces the least recently
     * active flow on probation (or, with none, the least recently active protected one).
     */
    Flow create(int transport, byte[] b, int srcOffset, int srcPort, int dstOffset, int dstPort, int length,
            long now, Flow.Source source) {
        if (freeCount == 0) {
            int victim = tail[PROBATION] != NONE ? tail[PROBATION] : tail[PROTECTED];
            remove(pool[victim]);
            evicted++;
        }
        int slot = free[--freeCount];
        Flow f = pool[slot];
        int h = hash(transport, b, srcOffset, srcPort, dstOffset, dstPort, length);
        f.open(nextId++, transport, b, srcOffset, srcPort, b, dstOffset, dstPort, length, h, now, source);
        int bucket = h & chainHead.length - 1;
        chainNext[slot] = chainHead[bucket];
        chainHead[bucket] = slot;
        link(slot, PROBATION);
        created++;
        return f;
    }

    /** Marks activity: the flow becomes the most recent of its list. */
    void touch(Flow f) {
        int s = f.slot;
        if (head[segment[s]] != s) {
            byte seg = segment[s];
            unlink(s);
            link(s, seg);
        }
    }

    /** Moves a flow that proved itself to the protected list; the protected list's overflow goes back. */
    void promote(Flow f) {
        int s = f.slot;
        if (segment[s] == PROTECTED) {
            return;
        }
        unlink(s);
        link(s, PROTECTED);
        if (count[PROTECTED] > protectedMax) {
            int demoted = leastRecentUnpinned();
            unlink(demoted);
            link(demoted, PROBATION);
        }
    }

    boolean isProtected(Flow f) {
        return segment[f.slot] == PROTECTED;
    }

    void remove(Flow f) {
        int s = f.slot;
        if (segment[s] == FREE) {
            return;
        }
        int bucket = f.hash & chainHead.length - 1;
        if (chainHead[bucket] == s) {
            chainHead[bucket] = chainNext[s];
        } else {
            int i = chainHead[bucket];
            while (chainNext[i] != s) {
                i = chainNext[i];
            }
            chainNext[i] = chainNext[s];
        }
        unlink(s);
        segment[s] = FREE;
        free[freeCount++] = s;
    }

    /** Every flow in the table (allocates: for the tick, the shell, the view). */
    /** Whether any flow is classified as something (without the list {@link #all()} makes). */
    boolean anyClassified() {
        for (int i = 0; i < pool.length; i++) {
            if (segment[i] != FREE && pool[i].flowClass != FlowClass.NONE) {
                return true;
            }
        }
        return false;
    }

    List<Flow> all() {
        List<Flow> flows = new ArrayList<>(size());
        for (int i = 0; i < pool.length; i++) {
            if (segment[i] != FREE) {
                flows.add(pool[i]);
            }
        }
        return flows;
    }

    /** Calls {@code action} for every flow in the table; it may remove the flow it is given. */
    void forEach(java.util.function.Consumer<Flow> action) {
        for (int i = 0; i < pool.length; i++) {
            if (segment[i] != FREE) {
                action.accept(pool[i]);
            }
        }
    }

    private int leastRecentUnpinned() {
        int s = tail[PROTECTED];
        for (int steps = 0; s != NONE && steps < PIN_SEARCH; steps++, s = prev[s]) {
            if (!pool[s].pinned) {
                return s;
            }
        }
        return tail[PROTECTED];
    }

    private void link(int s, byte seg) {
        segment[s] = seg;
        prev[s] = NONE;
        next[s] = head[seg];
        if (head[seg] != NONE) {
            prev[head[seg]] = s;
        }
        head[seg] = s;
        if (tail[seg] == NONE) {
            tail[seg] = s;
        }
        count[seg]++;
    }

    private void unlink(int s) {
        byte seg = segment[s];
        if (prev[s] != NONE) {
            next[prev[s]] = next[s];
        } else {
            head[seg] = next[s];
        }
        if (next[s] != NONE) {
            prev[next[s]] = prev[s];
        } else {
            tail[seg] = prev[s];
        }
        count[seg]--;
    }

    /** The same value for both directions of a 5-tuple: the two ends' hashes are added. */
    private int hash(int transport, byte[] b, int srcOffset, int srcPort, int dstOffset, int dstPort, int length) {
        int h = end(b, srcOffset, srcPort, length) + end(b, dstOffset, dstPort, length) + transport;
        return mix(h ^ seed);
    }

    private int end(byte[] b, int offset, int port, int length) {
        int h = port * 0x9E3779B9;
        for (int i = 0; i < length; i += 4) {
            h = h * 31 + ((b[offset + i] & 0xFF) << 24 | (b[offset + i + 1] & 0xFF) << 16
                    | (b[offset + i + 2] & 0xFF) << 8 | b[offset + i + 3] & 0xFF);
        }
        return mix(h + seed);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }
}
