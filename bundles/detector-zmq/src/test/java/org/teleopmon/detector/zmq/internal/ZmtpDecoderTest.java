package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class ZmtpDecoderTest {

    private static final long MAX_FRAME = 64L << 20;

    @Test
    void greetingReadyAndACommandAtEverySplit() {
        byte[] stream = Zmtp.stream().greeting("NULL").ready("PUSH").json(Zmtp.lekiwiCommand(0.1, null))
                .json(Zmtp.lekiwiCommand(0, null)).bytes();

        everySplit(stream, recorder -> {
            assertThat(recorder.events).containsExactly("greeting 3.1 NULL", "command READY {Socket-Type=PUSH, Identity=}",
                    "message 1", "message 1");
            assertThat(recorder.messages.get(0).head()).isEqualTo(Zmtp.lekiwiCommand(0.1, null));
            assertThat(recorder.messages.get(0).complete()).isTrue();
            assertThat(recorder.malformed).isEmpty();
        });
    }

    @Test
    void multipartObservationWithLongJpegFramesKeepsOnlyABoundedHead() {
        byte[] header = Zmtp.multipartHeader().getBytes(StandardCharsets.UTF_8);
        byte[] stream = Zmtp.stream().greeting("NULL").ready("PUSH")
                .message(header, Zmtp.jpeg(70_000), Zmtp.jpeg(60_000)).bytes();

        everySplit(stream, 997, recorder -> {
            assertThat(recorder.messages).singleElement().satisfies(m -> {
                assertThat(m.frames()).isEqualTo(3);
                assertThat(m.jpegFrames()).isEqualTo(2);
                assertThat(m.head()).isEqualTo(new String(header, StandardCharsets.ISO_8859_1));
                assertThat(m.bytes()).isEqualTo(header.length + (header.length > 255 ? 9 : 2) + 70_000 + 9 + 60_000 + 9);
            });
        });
    }

    @Test
    void base64ObservationIsPeekedNotBuffered() {
        String json = Zmtp.base64Observation(60_000);
        byte[] stream = Zmtp.stream().greeting("NULL").ready("PUSH").json(json).bytes();

        Recorder recorder = decode(stream, 256);

        assertThat(recorder.messages).singleElement().satisfies(m -> {
            assertThat(m.head()).hasSize(256);
            assertThat(m.complete()).isFalse();
            assertThat(m.firstFrameSize()).isEqualTo(json.length());
        });
    }

    @Test
    void garbageOnTheCommandPortIsMalformedOnce() {
        byte[] garbage = "GET / HTTP/1.1\r\nHost: robot\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        everySplit(garbage, recorder -> {
            assertThat(recorder.malformed).singleElement().asString().contains("not a ZMTP greeting");
            assertThat(recorder.messages).isEmpty();
        });
    }

    @Test
    void truncatedGreetingIsMalformedWhenTheStreamEnds() {
        byte[] full = Zmtp.stream().greeting("NULL").bytes();
        for (int cut = 1; cut < 64; cut++) {
            Recorder recorder = new Recorder();
            ZmtpDecoder decoder = new ZmtpDecoder(recorder, 4096, MAX_FRAME);
            decoder.startOfStream();
            decoder.feed(full, 0, cut);
            decoder.end();
            assertThat(recorder.malformed).as("cut at %d", cut).singleElement().asString()
                    .contains("truncated greeting: " + cut + " of 64");
        }
    }

    @Test
    void frameClaimingTwoToTheSixtyThreeBytesIsMalformedAndAllocatesNothing() {
        byte[] stream = Zmtp.stream().greeting("NULL").ready("PUSH")
                .raw(0x02, 0x80, 0, 0, 0, 0, 0, 0, 0).raw(new byte[1000]).bytes();
        everySplit(stream, recorder -> assertThat(recorder.malformed).singleElement().asString()
                .contains("frame claims 9223372036854775808 bytes"));

        byte[] justOver = Zmtp.stream().greeting("NULL").raw(0x02, 0, 0, 0, 0, 0x04, 0, 0, 1).bytes();
        assertThat(decode(justOver, 4096).malformed).singleElement().asString().contains("frame claims 67108865");
    }

    @Test
    void reservedFlagsCommandWithMoreAndUnsupportedVersionsAreMalformed() {
        byte[] flags = Zmtp.stream().greeting("NULL").raw(0x48, 1, 0).bytes();
        assertThat(decode(flags, 4096).malformed).singleElement().asString().contains("reserved frame flag bits");

        byte[] commandMore = Zmtp.stream().greeting("NULL").raw(0x05, 6, 5, 'R', 'E', 'A', 'D', 'Y').bytes();
        assertThat(decode(commandMore, 4096).malformed).singleElement().asString().contains("MORE");

        byte[] zmtp2 = Zmtp.stream().greeting("NULL").bytes();
        zmtp2[10] = 1;
        assertThat(decode(zmtp2, 4096).malformed).singleElement().asString().contains("version 1");

        byte[] mechanism = Zmtp.stream().greeting("NU\u0001L").bytes();
        assertThat(decode(mechanism, 4096).malformed).singleElement().asString().contains("mechanism");
    }

    @Test
    void curveAndPlainGreetingsAreRecognised() {
        assertThat(decode(Zmtp.stream().greeting("CURVE").bytes(), 64).events).containsExactly("greeting 3.1 CURVE");
        assertThat(decode(Zmtp.stream().greeting("PLAIN").bytes(), 64).events).containsExactly("greeting 3.1 PLAIN");
    }

    @Test
    void aGapInsideABodyKeepsTheFramingAndAGapInAHeaderResynchronises() {
        byte[] command = Zmtp.lekiwiCommand(0, null).getBytes(StandardCharsets.UTF_8);
        byte[] big = Zmtp.jpeg(5000);
        Recorder recorder = new Recorder();
        ZmtpDecoder decoder = new ZmtpDecoder(recorder, 4096, MAX_FRAME);
        decoder.startOfStream();
        byte[] head = Zmtp.stream().greeting("NULL").ready("PULL").raw(0x02, 0, 0, 0, 0, 0, 0, 0x13, 0x88).bytes();
        decoder.feed(head, 0, head.length);
        decoder.feed(big, 0, 1000);
        decoder.gap(3000);
        decoder.feed(big, 4000, 1000);
        byte[] next = Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).bytes();
        decoder.feed(next, 0, next.length);
        assertThat(recorder.messages).hasSize(2);

        decoder.feed(next, 0, 1);
        decoder.gap(1);
        byte[] tail = Zmtp.stream().json(new String(command, StandardCharsets.UTF_8)).json("{\"x\": 1}").bytes();
        decoder.feed(tail, 0, tail.length);
        assertThat(recorder.messages).hasSize(4);
        assertThat(recorder.messages.get(3).resynchronised()).isFalse();
        assertThat(recorder.malformed).isEmpty();
    }

    @Test
    void joiningMidStreamFindsTheNextJsonMessage() {
        byte[] stream = Zmtp.stream().json(Zmtp.lekiwiCommand(0, null)).json(Zmtp.lekiwiCommand(0.2, null))
                .message(Zmtp.multipartHeader().getBytes(StandardCharsets.UTF_8), Zmtp.jpeg(2000)).bytes();
        for (int start = 1; start < 40; start++) {
            Recorder recorder = new Recorder();
            ZmtpDecoder decoder = new ZmtpDecoder(recorder, 4096, MAX_FRAME);
            decoder.midStream();
            decoder.feed(stream, start, stream.length - start);
            assertThat(recorder.messages).as("joined at %d", start).hasSize(2);
            assertThat(recorder.messages.get(0).resynchronised()).isTrue();
            assertThat(recorder.messages.get(0).head()).isEqualTo(Zmtp.lekiwiCommand(0.2, null));
            assertThat(recorder.messages.get(1).frames()).isEqualTo(2);
        }
    }

    static Recorder decode(byte[] stream, int peek) {
        Recorder recorder = new Recorder();
        ZmtpDecoder decoder = new ZmtpDecoder(recorder, peek, MAX_FRAME);
        decoder.startOfStream();
        decoder.feed(stream, 0, stream.length);
        return recorder;
    }

    /** Feeds the stream in two pieces split at every byte boundary, then byte by byte. */
    static void everySplit(byte[] stream, Consumer<Recorder> check) {
        everySplit(stream, 1, check);
    }

    static void everySplit(byte[] stream, int step, Consumer<Recorder> check) {
        for (int split = 0; split <= stream.length; split += step) {
            Recorder recorder = new Recorder();
            ZmtpDecoder decoder = new ZmtpDecoder(recorder, 4096, MAX_FRAME);
            decoder.startOfStream();
            decoder.feed(stream, 0, split);
            decoder.feed(stream, split, stream.length - split);
            check.accept(recorder);
        }
        Recorder recorder = new Recorder();
        ZmtpDecoder decoder = new ZmtpDecoder(recorder, 4096, MAX_FRAME);
        decoder.startOfStream();
        for (int i = 0; i < stream.length; i++) {
            decoder.feed(stream, i, 1);
        }
        check.accept(recorder);
    }
}
