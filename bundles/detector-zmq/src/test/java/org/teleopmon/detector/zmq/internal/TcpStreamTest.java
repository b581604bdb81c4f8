package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TcpStreamTest {

    private static final long ISN = 0xFFFFFF00L;

    private final Recorder recorder = new Recorder();
    private final TcpStream stream = new TcpStream(new ZmtpDecoder(recorder, 4096, 64L << 20), 64, 1 << 20,
            250_000_000L);
    private final byte[] bytes = Zmtp.stream().greeting("NULL").ready("PULL")
            .json(Zmtp.lekiwiCommand(0, null)).json(Zmtp.lekiwiCommand(0.1, null)).json(Zmtp.lekiwiCommand(0.2, null))
            .bytes();

    @Test
    void outOfOrderDuplicatedAndOverlappingSegmentsAcrossTheSequenceWrapGiveTheStreamOnce() {
        stream.segment(0, ISN, true, new byte[0], 0, 0, 0);
        List<int[]> segments = new ArrayList<>();
        for (int off = 0; off < bytes.length; off += 37) {
            segments.add(new int[] {off, Math.min(60, bytes.length - off)});
        }
        Collections.shuffle(segments, new Random(7));
        segments.addAll(segments.subList(0, 5));
        for (int[] s : segments) {
            stream.segment(1, (ISN + 1 + s[0]) % (1L << 32), false, bytes, s[0], s[1], 0);
        }

        assertThat(recorder.messages).hasSize(3);
        assertThat(recorder.malformed).isEmpty();
        assertThat(stream.bytes()).isEqualTo(bytes.length);
        assertThat(stream.retransmitted()).isPositive();
    }

    @Test
    void aSegmentThatNeverComesIsAGapAfterTheReorderTimeout() {
        stream.segment(0, ISN, true, new byte[0], 0, 0, 0);
        int cut = bytes.length - 2 * (Zmtp.lekiwiCommand(0, null).length() + 9) + 5;
        stream.segment(1, ISN + 1, false, bytes, 0, cut - 10, 0);
        stream.segment(2, ISN + 1 + cut, false, bytes, cut, bytes.length - cut, 0);
        assertThat(recorder.messages).hasSize(0);

        byte[] more = Zmtp.stream().json(Zmtp.lekiwiCommand(0.3, null)).bytes();
        stream.segment(400_000_000L, (ISN + 1 + bytes.length) % (1L << 32), false, more, 0, more.length, 0);

        assertThat(stream.gapBytes()).isEqualTo(10);
        assertThat(recorder.messages).extracting(Recorder.Seen::head)
                .contains(Zmtp.lekiwiCommand(0.2, null), Zmtp.lekiwiCommand(0.3, null));
        assertThat(recorder.malformed).isEmpty();
    }

    @Test
    void bytesCutByTheSnapLengthAreAGapInsideTheBody() {
        byte[] big = Zmtp.stream().greeting("NULL").ready("PUSH")
                .message(Zmtp.multipartHeader().getBytes(), Zmtp.jpeg(3000)).json(Zmtp.lekiwiCommand(0, null)).bytes();
        stream.segment(0, ISN, true, new byte[0], 0, 0, 0);
        int first = 1500;
        stream.segment(1, ISN + 1, false, big, 0, 1000, first - 1000);
        stream.segment(2, (ISN + 1 + first) % (1L << 32), false, big, first, big.length - first, 0);

        assertThat(recorder.messages).hasSize(2);
        assertThat(recorder.messages.get(0).frames()).isEqualTo(2);
        assertThat(stream.gapBytes()).isEqualTo(500);
    }

    @Test
    void joiningAfterTheHandshakeResynchronises() {
        int start = Zmtp.stream().greeting("NULL").ready("PULL").bytes().length + 3;
        stream.segment(0, 12345, false, bytes, start, bytes.length - start, 0);
        assertThat(recorder.messages).hasSize(2);
        assertThat(recorder.malformed).isEmpty();
    }
}
