package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.Fuzz;

/** Random and mutated streams cut, lost, repeated and reordered at random: never an exception, no allocation. */
class TcpFramerFuzzTest {

    private static final int MAX = 1500;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void randomSegmentationAndRetransmissionOfValidStreamsLosesNothing() {
        Random random = Fuzz.random(42);
        for (int round = 0; round < 200; round++) {
            TcpFramerStreams s = new TcpFramerStreams(round);
            if (round % 2 == 0) {
                s.rfc4571Frames(30);
            } else {
                s.turnFrames(30);
            }
            byte[] wire = s.bytes();
            long first = random.nextLong() & 0xFFFFFFFFL;
            TcpFramerRecorder r = new TcpFramerRecorder(MAX, first);
            for (int off = 0; off < wire.length; ) {
                int len = Math.min(1 + random.nextInt(1460), wire.length - off);
                r.send(wire, off, len);
                if (random.nextInt(5) == 0) {
                    int back = random.nextInt(off + 1);
                    r.at((first + off - back) & 0xFFFFFFFFL, wire, off - back, back + random.nextInt(len + 1));
                }
                off += len;
            }
            TcpFramerTest.assertClean(r, s.frames);
        }
    }

    @Test
    void mutatedAndRandomStreamsNeverThrowNorAllocate() {
        Random random = Fuzz.random(7);
        // fuzz.rounds counts segments here: 4000 per stream
        int streams = Math.max(1, Fuzz.rounds(120_000) / 4000);
        int segments = 0;
        long frames = 0;
        long allocated = 0;
        for (int round = 0; round < streams; round++) {
            byte[] wire = stream(random, round);
            Checker checker = new Checker(MAX);
            TcpFramer framer = new TcpFramer(MAX);
            int n = 4000;
            long[] seqs = new long[n];
            int[] offs = new int[n];
            int[] lens = new int[n];
            cut(random, wire.length, seqs, offs, lens);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                framer.segment(seqs[i], wire, offs[i], lens[i], checker);
            }
            allocated += THREADS.getCurrentThreadAllocatedBytes() - before;
            assertThat(checker.bad).as("round %d: a frame outside its buffer or over the limit", round).isZero();
            assertThat(framer.frames()).isEqualTo(checker.frames);
            segments += n;
            frames += checker.frames;
        }
        assertThat(segments).isGreaterThanOrEqualTo(100_000);
        assertThat(frames).isPositive();
        // Nothing per segment: 120 000 segments measured 96 bytes in all (first-use noise).
        assertThat(allocated).as("bytes allocated while feeding %d segments", segments).isLessThan(4096L);
    }

    /** Valid frames of both framings, with random bytes flipped, garbage blocks and plain random bytes. */
    private static byte[] stream(Random random, int round) {
        TcpFramerStreams s = new TcpFramerStreams(round);
        while (s.wire.size() < 3_000_000) {
            switch (random.nextInt(6)) {
                case 0 -> s.rfc4571Frames(1 + random.nextInt(50));
                case 1 -> s.turnFrames(1 + random.nextInt(50));
                case 2 -> {
                    byte[] junk = new byte[random.nextInt(3000)];
                    random.nextBytes(junk);
                    s.wire.writeBytes(junk);
                }
                default -> s.rfc4571Frames(1 + random.nextInt(5)).turnFrames(1 + random.nextInt(5));
            }
        }
        byte[] wire = s.bytes();
        int flips = round % 3 == 0 ? 0 : wire.length / (round % 3 == 1 ? 50 : 5000);
        for (int i = 0; i < flips; i++) {
            wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
        }
        return wire;
    }

    /** In-order runs broken by losses, repeats, reorderings and seq jumps; odd offsets and lengths included. */
    private static void cut(Random random, int size, long[] seqs, int[] offs, int[] lens) {
        long base = random.nextLong() & 0xFFFFFFFFL;
        int at = 0;
        for (int i = 0; i < seqs.length; i++) {
            int len = random.nextInt(10) == 0 ? 1 + random.nextInt(8) : 1 + random.nextInt(1460);
            if (at + len > size) {
                at = 0;
            }
            int event = random.nextInt(50);
            if (event == 0) {
                at = Math.min(size - len, at + random.nextInt(5000));
            } else if (event == 1) {
                at = Math.max(0, at - random.nextInt(5000));
            } else if (event == 2) {
                base = random.nextLong() & 0xFFFFFFFFL;
            }
            seqs[i] = base + at;
            offs[i] = at;
            lens[i] = len;
            at += len;
        }
    }

    /** Checks each frame without allocating. */
    private static final class Checker implements TcpFramer.Sink {
        private final int max;
        long frames;
        long bad;

        Checker(int max) {
            this.max = max;
        }

        @Override
        public void frame(byte[] buf, int off, int len) {
            frames++;
            if (off < 0 || len <= 0 || len > max || off + len > buf.length) {
                bad++;
            }
        }
    }
}
