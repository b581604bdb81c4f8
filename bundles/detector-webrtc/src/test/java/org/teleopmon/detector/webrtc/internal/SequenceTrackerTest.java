package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private static SequenceTracker feed(int... sequences) {
        SequenceTracker t = new SequenceTracker();
        for (int s : sequences) {
            t.accept(s);
        }
        return t;
    }

    @Test
    void inOrder() {
        SequenceTracker t = new SequenceTracker();
        for (int s = 100; s < 200; s++) {
            assertThat(t.accept(s)).isZero();
        }
        assertThat(t.received).isEqualTo(100);
        assertThat(t.expected()).isEqualTo(100);
        assertThat(t.lost).isZero();
        assertThat(t.lastInOrder).isTrue();
    }

    @Test
    void gapsCountAsLost() {
        SequenceTracker t = feed(1, 2, 3);
        assertThat(t.accept(7)).isEqualTo(3);
        assertThat(t.lastInOrder).isFalse();
        assertThat(t.lost).isEqualTo(3);
        assertThat(t.expected()).isEqualTo(7);
    }

    @Test
    void wrapsAroundFrom65535To0() {
        SequenceTracker t = feed(65533, 65534, 65535, 0, 1, 3);
        assertThat(t.expected()).as("extended numbers run on past 65535").isEqualTo(7);
        assertThat(t.lost).isEqualTo(1);
        assertThat(t.resets).isZero();
        // A late packet from before the wrap still finds its slot.
        SequenceTracker late = feed(65534, 0, 1, 65535);
        assertThat(late.lost).isZero();
        assertThat(late.reordered).isEqualTo(1);
    }

    @Test
    void aLatePacketTakesItsLossBack() {
        SequenceTracker t = feed(10, 11, 13);
        assertThat(t.lost).isEqualTo(1);
        assertThat(t.accept(12)).isEqualTo(-1);
        assertThat(t.lost).isZero();
        assertThat(t.reordered).isEqualTo(1);
        assertThat(t.lastInOrder).isFalse();
    }

    @Test
    void duplicatesAreCountedOnce() {
        SequenceTracker t = feed(10, 11, 12, 12, 11, 12);
        assertThat(t.duplicates).isEqualTo(3);
        assertThat(t.received).isEqualTo(3);
        assertThat(t.lost).isZero();
        // A packet from before the stream's first one is too late, not a duplicate.
        t.accept(9);
        assertThat(t.tooLate).isEqualTo(1);
        assertThat(t.expected()).isEqualTo(3);
    }

    @Test
    void aJumpIsIgnoredOnceAndRestartsTheStreamOnTwoSequentialPackets() {
        SequenceTracker t = new SequenceTracker();
        for (int s = 0; s < 100; s++) {
            if (s % 10 != 5) {
                t.accept(s);
            }
        }
        assertThat(t.lost).isEqualTo(10);
        assertThat(t.accept(20_000)).isZero();
        assertThat(t.tooLate).isEqualTo(1);
        assertThat(t.resets).isZero();
        assertThat(t.accept(100)).as("back in sequence: the jump was a stray").isEqualTo(0);
        assertThat(t.resets).isZero();

        t.accept(30_000);
        t.accept(30_001);
        assertThat(t.resets).isEqualTo(1);
        for (int s = 30_002; s < 30_010; s++) {
            t.accept(s);
        }
        assertThat(t.received).isEqualTo(90 + 1 + 9);
        // Loss stays the stream's whole loss over the packets it expected, across the restart.
        assertThat(t.expected() - t.lost).isEqualTo(t.received);
        assertThat(100.0 * t.lost / t.expected()).isLessThan(10);
    }

    @Test
    void agreesWithABruteForceReferenceOverRandomDropsReorderingAndDuplicates() {
        Random random = new Random(3550);
        for (int round = 0; round < 300; round++) {
            long start = random.nextInt(65536);
            int n = 50 + random.nextInt(2000);
            double drop = random.nextDouble() * 0.3;
            List<Long> arrivals = new ArrayList<>();
            for (long s = start; s < start + n; s++) {
                if (random.nextDouble() >= drop) {
                    arrivals.add(s);
                    if (random.nextInt(50) == 0) {
                        arrivals.add(s);
                    }
                }
            }
            // Reordering: swap neighbours up to 40 places apart, well within the 512-packet window.
            for (int i = 0; i < arrivals.size() / 10; i++) {
                int a = random.nextInt(arrivals.size());
                int b = Math.min(arrivals.size() - 1, a + random.nextInt(40));
                java.util.Collections.swap(arrivals, a, b);
            }
            SequenceTracker t = new SequenceTracker();
            long first = arrivals.get(0);
            long highest = first;
            Set<Long> got = new HashSet<>();
            long duplicates = 0;
            long tooLate = 0;
            for (long s : arrivals) {
                t.accept((int) (s & 0xFFFF));
                if (s < first) {
                    tooLate++;
                } else if (!got.add(s)) {
                    duplicates++;
                }
                highest = Math.max(highest, s);
            }
            long expected = highest - first + 1;
            String what = "round " + round;
            assertThat(t.expected()).as(what).isEqualTo(expected);
            assertThat(t.received).as(what).isEqualTo(got.size());
            assertThat(t.lost).as(what).isEqualTo(expected - got.size());
            assertThat(t.duplicates).as(what).isEqualTo(duplicates);
            assertThat(t.tooLate).as(what).isEqualTo(tooLate);
            assertThat(t.resets).as(what).isZero();
        }
    }
}
