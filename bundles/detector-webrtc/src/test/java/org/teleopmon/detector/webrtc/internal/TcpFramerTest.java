package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TcpFramerTest {

    private static final int MAX = 1500;

    @Test
    void everySplitOfAnRfc4571StreamGivesTheSameFrames() {
        TcpFramerStreams s = new TcpFramerStreams(1).rfc4571Frames(10);
        everySplit(s, 0);
    }

    @Test
    void everySplitOfATurnStreamGivesTheSameFrames() {
        TcpFramerStreams s = new TcpFramerStreams(2).turnFrames(10);
        everySplit(s, 0);
    }

    @Test
    void everySplitAcrossTheSequenceNumberWrap() {
        everySplit(new TcpFramerStreams(3).turnFrames(6), 0xFFFFFF00L);
    }

    @Test
    void oneByteSegments() {
        for (TcpFramerStreams s : List.of(new TcpFramerStreams(4).rfc4571Frames(20), new TcpFramerStreams(5).turnFrames(20))) {
            byte[] wire = s.bytes();
            TcpFramerRecorder r = new TcpFramerRecorder(MAX, 7);
            for (int i = 0; i < wire.length; i++) {
                r.send(wire, i, 1);
            }
            assertClean(r, s.frames);
        }
    }

    @Test
    void channelDataIsPaddedToFourBytesOnTheWire() {
        Random random = new Random(6);
        TcpFramerStreams s = new TcpFramerStreams(6);
        for (int len = 8; len <= 16; len++) {
            s.channelData(0x4FFF, TcpFramerStreams.rtp(random, len));
        }
        byte[] wire = s.bytes();
        assertThat(wire.length % 4).isZero();
        assertClean(new TcpFramerRecorder(MAX, 0).send(wire, 0, wire.length), s.frames);
    }

    @Test
    void aStunMessageIsAStrongBoundaryButOtherFramesWaitForTwoMore() {
        Random random = new Random(7);
        TcpFramerStreams s = new TcpFramerStreams(7).rfc4571(TcpFramerStreams.rtp(random, 100))
                .rfc4571(TcpFramerStreams.dtls(random, 40)).rfc4571(TcpFramerStreams.rtp(random, 50));
        byte[] wire = s.bytes();
        int[] at = s.boundaries();
        TcpFramerRecorder weak = new TcpFramerRecorder(MAX, 0).send(wire, 0, at[2] + 2);
        assertThat(weak.frames).isEmpty();
        weak.send(wire, at[2] + 2, 1);
        assertThat(hex(weak.frames)).containsExactlyElementsOf(hex(s.frames.subList(0, 2)));

        byte[] stun = new TcpFramerStreams(9).rfc4571(TcpFramerStreams.stun(random, 8)).bytes();
        assertThat(new TcpFramerRecorder(MAX, 0).send(stun, 0, stun.length).frames).hasSize(1);
        byte[] turn = new TcpFramerStreams(10).turnStun(TcpFramerStreams.stun(random, 8)).bytes();
        assertThat(new TcpFramerRecorder(MAX, 0).send(turn, 0, turn.length).frames).hasSize(1);
    }

    @Test
    void aTruncatedStreamDeliversOnlyWholeFrames() {
        TcpFramerStreams s = new TcpFramerStreams(11).rfc4571Frames(5);
        byte[] wire = s.bytes();
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0).send(wire, 0, wire.length - 3);
        assertThat(hex(r.frames)).containsExactlyElementsOf(hex(s.frames.subList(0, 4)));
        assertThat(r.framer.malformed()).isZero();
    }

    @Test
    void garbageBeforeTheFirstFrameIsSkipped() {
        TcpFramerStreams s = new TcpFramerStreams(12).turnFrames(8);
        byte[] garbage = new byte[200];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        byte[] wire = s.bytes();
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0).send(garbage, 0, garbage.length).send(wire, 0, wire.length);
        assertThat(hex(r.frames)).containsExactlyElementsOf(hex(s.frames));
        assertThat(r.framer.resyncs()).isEqualTo(1);
        assertThat(r.framer.malformed()).isZero();
    }

    @Test
    void aHugeOrZeroLengthIsMalformedAndTheFramerResyncs() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0x80, 1, 2, 3}, new byte[] {0, 0, (byte) 0xFF})) {
            TcpFramerStreams before = new TcpFramerStreams(13).rfc4571Frames(4);
            TcpFramerStreams after = new TcpFramerStreams(14).rfc4571Frames(4);
            TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0);
            byte[] one = before.bytes();
            byte[] two = after.bytes();
            r.send(one, 0, one.length).send(bad, 0, bad.length).send(two, 0, two.length);
            assertThat(hex(r.frames)).containsExactlyElementsOf(hex(concat(before.frames, after.frames)));
            assertThat(r.framer.malformed()).isEqualTo(1);
            assertThat(r.framer.resyncs()).isEqualTo(1);
        }
    }

    @Test
    void theLargestFrameIsMaxFrameBytes() {
        Random random = new Random(15);
        TcpFramerStreams s = new TcpFramerStreams(15).rfc4571(TcpFramerStreams.stun(random, 4))
                .rfc4571(TcpFramerStreams.rtp(random, MAX)).rfc4571(TcpFramerStreams.rtp(random, MAX + 1))
                .rfc4571(TcpFramerStreams.stun(random, 4)).rfc4571Frames(12);
        byte[] wire = s.bytes();
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0).send(wire, 0, wire.length);
        List<byte[]> expected = new java.util.ArrayList<>(s.frames);
        expected.remove(2);
        assertThat(hex(r.frames)).containsExactlyElementsOf(hex(expected));
        assertThat(r.framer.malformed()).isEqualTo(1);
    }

    @Test
    void aSequenceGapDropsThePartialFrameAndResyncs() {
        TcpFramerStreams s = new TcpFramerStreams(16).rfc4571Frames(30);
        byte[] wire = s.bytes();
        int gapAt = wire.length / 3;
        int gapEnd = gapAt + 700;
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 100);
        r.send(wire, 0, gapAt).skip(gapEnd - gapAt).send(wire, gapEnd, wire.length - gapEnd);
        assertThat(r.framer.gaps()).isEqualTo(1);
        assertThat(r.framer.resyncs()).isEqualTo(1);
        assertThat(r.framer.malformed()).isZero();
        int[] bounds = s.boundaries();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < s.frames.size(); i++) {
            if (bounds[i + 1] <= gapAt || bounds[i] >= gapEnd) {
                expected.add(hex(s.frames.get(i)));
            }
        }
        assertThat(hex(r.frames)).containsExactlyElementsOf(expected);
    }

    @Test
    void retransmittedAndOverlappingSegmentsAreIgnored() {
        TcpFramerStreams s = new TcpFramerStreams(17).turnFrames(20);
        byte[] wire = s.bytes();
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0xFFFFFFF0L);
        long first = r.seq();
        for (int off = 0; off < wire.length; off += 97) {
            int len = Math.min(97, wire.length - off);
            r.send(wire, off, len);
            r.at((first + off) & 0xFFFFFFFFL, wire, off, len);
            int back = Math.min(off, 50);
            r.at((first + off - back) & 0xFFFFFFFFL, wire, off - back, back + len);
        }
        assertClean(r, s.frames);
    }

    @Test
    void reorderedSegmentsCountAsAGapAndTheLateOneIsIgnored() {
        TcpFramerStreams s = new TcpFramerStreams(18).rfc4571Frames(12);
        byte[] wire = s.bytes();
        int a = wire.length / 3;
        int b = 2 * wire.length / 3;
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 5);
        r.send(wire, 0, a).at(5 + b, wire, b, wire.length - b).at(5 + a, wire, a, b - a);
        assertThat(r.framer.gaps()).isEqualTo(1);
        assertThat(r.framer.malformed()).isZero();
        assertThat(hex(s.frames)).containsSubsequence(hex(r.frames));
        assertThat(r.frames.get(r.frames.size() - 1)).isEqualTo(s.frames.get(s.frames.size() - 1));
    }

    @Test
    void joiningMidStreamFindsTheNextBoundary() {
        for (TcpFramerStreams s : List.of(new TcpFramerStreams(19).rfc4571Frames(15), new TcpFramerStreams(20).turnFrames(15))) {
            byte[] wire = s.bytes();
            int[] bounds = s.boundaries();
            int join = (bounds[3] + bounds[4]) / 2 + 1;
            TcpFramerRecorder r = new TcpFramerRecorder(MAX, 1234).send(wire, join, wire.length - join);
            assertThat(hex(r.frames)).containsExactlyElementsOf(hex(s.frames.subList(4, s.frames.size())));
            assertThat(r.framer.resyncs()).isEqualTo(1);
        }
    }

    @Test
    void badArgumentsAreIgnored() {
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0);
        r.framer.segment(0, null, 0, 10, r);
        r.framer.segment(0, new byte[4], 2, 4, r);
        r.framer.segment(0, new byte[4], -1, 2, r);
        r.framer.segment(0, new byte[4], 0, -3, r);
        r.framer.segment(0, new byte[4], 0, 4, null);
        assertThat(r.frames).isEmpty();
        assertThatThrownBy(() -> new TcpFramer(19)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aThrowingSinkLeavesTheFramerUsable() {
        TcpFramerStreams s = new TcpFramerStreams(21).rfc4571Frames(6);
        byte[] wire = s.bytes();
        TcpFramer framer = new TcpFramer(MAX);
        assertThatThrownBy(() -> framer.segment(0, wire, 0, wire.length, (b, o, l) -> {
            throw new IllegalStateException("a detector's bug");
        })).isInstanceOf(IllegalStateException.class);
        TcpFramerRecorder r = new TcpFramerRecorder(MAX, 0);
        framer.segment(wire.length, wire, 0, wire.length, r);
        assertThat(hex(r.frames)).containsExactlyElementsOf(hex(s.frames));
    }

    private static void everySplit(TcpFramerStreams s, long firstSeq) {
        byte[] wire = s.bytes();
        for (int i = 0; i <= wire.length; i++) {
            TcpFramerRecorder r = new TcpFramerRecorder(MAX, firstSeq).send(wire, 0, i).send(wire, i, wire.length - i);
            assertClean(r, s.frames);
        }
    }

    static void assertClean(TcpFramerRecorder r, List<byte[]> expected) {
        assertThat(hex(r.frames)).containsExactlyElementsOf(hex(expected));
        assertThat(r.framer.frames()).isEqualTo(expected.size());
        assertThat(r.framer.malformed()).isZero();
        assertThat(r.framer.resyncs()).isZero();
        assertThat(r.framer.gaps()).isZero();
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static List<String> hex(List<byte[]> frames) {
        return frames.stream().map(TcpFramerTest::hex).toList();
    }

    static String hex(byte[] frame) {
        return HexFormat.of().formatHex(frame);
    }
}
