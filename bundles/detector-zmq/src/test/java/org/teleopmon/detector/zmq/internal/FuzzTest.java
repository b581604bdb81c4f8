package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.BuiltPacket;
import org.teleopmon.testsupport.Fuzz;

/** Random and mutated ZMTP traffic through the whole packet path: nothing may escape or grow unbounded. */
class FuzzTest {

    /** CI default; {@code -Dfuzz.rounds=1000000} for the goal-scale run (docs/testing.md). */
    private static final int ROUNDS = Fuzz.rounds(1500);

    @Test
    void randomAndMutatedStreamsNeverThrow() {
        Random random = Fuzz.random(20261125);
        ZmqDetector detector = new ZmqDetector(ZmqSettings.defaults(5555, 5556), Clock.systemUTC());
        byte[] valid = Zmtp.stream().greeting("NULL").ready("PUSH").json(Zmtp.lekiwiCommand(0.1, "x"))
                .message(Zmtp.multipartHeader().getBytes(StandardCharsets.UTF_8), Zmtp.jpeg(3000))
                .json(Zmtp.base64Observation(1000)).json(Zmtp.xleCommand()).bytes();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] stream = round % 4 == 0 ? randomBytes(random, 1 + random.nextInt(5000)) : mutate(random, valid);
            play(detector, random, stream, 20000 + round % 2000);
            detector.tick();
            detector.detect();
        }
        assertThat(detector.errors()).isZero();
        detector.inspect(t -> assertThat(t.table.all().size()).isLessThanOrEqualTo(64));
    }

    @Test
    void decoderAloneSurvivesEveryMutationWithRandomGaps() {
        Random random = Fuzz.random(42);
        byte[] valid = Zmtp.stream().greeting("NULL").ready("PULL").json(Zmtp.lekiwiCommand(0, null))
                .json(Zmtp.lekiwiCommand(0.3, null)).bytes();
        for (int round = 0; round < Fuzz.rounds(10_000); round++) {
            byte[] stream = mutate(random, valid);
            ZmtpDecoder decoder = new ZmtpDecoder(new Recorder(), 512, 1 << 20);
            if (random.nextBoolean()) {
                decoder.startOfStream();
            } else {
                decoder.midStream();
            }
            int off = 0;
            while (off < stream.length) {
                int n = Math.min(stream.length - off, 1 + random.nextInt(64));
                decoder.feed(stream, off, n);
                if (random.nextInt(10) == 0) {
                    decoder.gap(random.nextInt(100));
                }
                off += n;
            }
            decoder.end();
        }
    }

    private static void play(ZmqDetector detector, Random random, byte[] stream, int clientPort) {
        long seq = random.nextInt() & 0xFFFFFFFFL;
        long nanos = System.currentTimeMillis() * 1_000_000;
        boolean syn = random.nextBoolean();
        if (syn) {
            detector.onPacket(BuiltPacket.tcp(nanos, "10.1.2.3", clientPort, "10.0.0.2", 5555, seq, Packet.TCP_SYN,
                    new byte[0], 0, 0));
            seq++;
        }
        int off = 0;
        while (off < stream.length) {
            int n = Math.min(stream.length - off, 1 + random.nextInt(1500));
            long s = random.nextInt(20) == 0 ? seq + off + random.nextInt(3000) - 1500 : seq + off;
            detector.onPacket(BuiltPacket.tcp(nanos, "10.1.2.3", clientPort, "10.0.0.2", 5555, s & 0xFFFFFFFFL,
                    Packet.TCP_ACK, stream, off, n));
            off += random.nextInt(30) == 0 ? n + random.nextInt(200) : n;
            nanos += random.nextInt(50_000_000);
        }
        if (random.nextBoolean()) {
            detector.onPacket(BuiltPacket.tcp(nanos, "10.1.2.3", clientPort, "10.0.0.2", 5555, (seq + off) & 0xFFFFFFFFL,
                    random.nextBoolean() ? Packet.TCP_FIN : Packet.TCP_RST, new byte[0], 0, 0));
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] copy = Arrays.copyOf(valid, valid.length);
        int mutations = 1 + random.nextInt(8);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(copy.length);
            switch (random.nextInt(4)) {
                case 0 -> copy[at] = (byte) random.nextInt(256);
                case 1 -> copy[at] = (byte) (random.nextBoolean() ? 0xFF : 0x7F);
                case 2 -> copy = Arrays.copyOf(copy, Math.max(1, at));
                default -> {
                    byte[] longer = Arrays.copyOf(copy, copy.length + 9);
                    System.arraycopy(copy, at, longer, at + 9, copy.length - at);
                    longer[at] = 0x02;
                    for (int k = 1; k < 9; k++) {
                        longer[at + k] = (byte) random.nextInt(256);
                    }
                    copy = longer;
                }
            }
        }
        return copy;
    }
}
