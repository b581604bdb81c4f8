package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.Fuzz;

/**
 * 1,000,000 random, mutated and truncated event records through each decoder into a real
 * {@link ControlState}: no exception escapes, every byte is accounted for, and the state stays sane.
 */
class FuzzTest {

    /** The million by default (it takes seconds); {@code -Dfuzz.rounds} as for every fuzz test. */
    private static final int RECORDS = Fuzz.rounds(1_000_000);

    @Test
    void evdevRecordsAtBothSizes() {
        for (int longSize : new int[] {8, 4}) {
            EventDecoder decoder = new EventDecoder(longSize);
            int size = decoder.recordSize();
            SplittableRandom random = new SplittableRandom(Fuzz.seed(42 + longSize));
            ControlState state = state(false);
            ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
            long decodedBytes = 0;
            long offered = 0;
            int carried = 0;
            for (int done = 0; done < RECORDS; ) {
                int count = 1 + random.nextInt(100);
                buffer.clear();
                buffer.position(carried);
                for (int i = 0; i < count && done < RECORDS; i++, done++) {
                    writeRecord(buffer, random, size);
                }
                // a torn read: cut anywhere, keep the rest as the next read's start
                int length = random.nextInt(8) == 0 ? Math.max(0, buffer.position() - random.nextInt(size)) : buffer.position();
                offered += length - carried;
                state.at(done * 1_000_000L);
                int used = decoder.decode(buffer, 0, length, InputSettings.DEFAULTS.keys(), state);
                assertThat(used % size).isZero();
                assertThat(length - used).isBetween(0, size - 1);
                decodedBytes += used;
                carried = length - used;
                byte[] rest = new byte[carried];
                buffer.get(used, rest);
                buffer.put(0, rest);
                state.driving(done * 1_000_000L);
            }
            assertThat(decodedBytes + carried).isEqualTo(offered);
            assertThat(state.activeControls()).isBetween(0, 64 + Codes.KEY_MAX);
            assertThat(state.rateHz(RECORDS * 1_000_000L)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void joystickRecords() {
        JsDecoder decoder = new JsDecoder();
        SplittableRandom random = new SplittableRandom(Fuzz.seed(7));
        ControlState state = state(false);
        ByteBuffer buffer = ByteBuffer.allocate(8 * 64).order(ByteOrder.nativeOrder());
        for (int done = 0; done < RECORDS; done += 64) {
            buffer.clear();
            for (int i = 0; i < 64; i++) {
                buffer.putInt(random.nextInt()).putShort((short) random.nextInt())
                        .put((byte) (random.nextBoolean() ? random.nextInt(4) | (random.nextBoolean() ? 0x80 : 0) : random.nextInt()))
                        .put((byte) random.nextInt());
            }
            state.at(done * 1_000_000L);
            int cut = random.nextInt(buffer.position() + 1);
            assertThat(decoder.decode(buffer, 0, cut, state) % JsDecoder.RECORD_SIZE).isZero();
        }
        assertThat(state.malformedCount()).isPositive();
    }

    @Test
    void joyConReports() {
        JoyConReport report = new JoyConReport();
        SplittableRandom random = new SplittableRandom(Fuzz.seed(9));
        ControlState state = state(false);
        ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        for (int done = 0; done < RECORDS; done++) {
            buffer.clear();
            int length = random.nextInt(65);
            for (int i = 0; i < length; i++) {
                buffer.put((byte) random.nextInt());
            }
            if (length > 0 && random.nextBoolean()) {
                buffer.put(0, (byte) (random.nextBoolean() ? 0x30 : 0x3f));
            }
            state.at(done * 16_000_000L);
            report.decode(buffer, 0, length, state);
        }
        assertThat(state.groups()).isPositive();
    }

    private static void writeRecord(ByteBuffer buffer, SplittableRandom random, int size) {
        int mode = random.nextInt(4);
        if (mode == 0) {
            for (int i = 0; i < size; i++) {
                buffer.put((byte) random.nextInt());
            }
            return;
        }
        // plausible records with one field mutated
        int type = mode == 1 ? random.nextInt(0x20) : random.nextBoolean() ? Codes.EV_ABS : Codes.EV_KEY;
        int code = random.nextInt(mode == 3 ? 0x10000 : 0x300);
        int value = random.nextInt(mode == 2 ? 3 : Integer.MAX_VALUE) * (random.nextBoolean() ? 1 : -1);
        if (size == 24) {
            buffer.putLong(random.nextLong()).putLong(random.nextInt(mode == 1 ? Integer.MAX_VALUE : 1_000_000));
        } else {
            buffer.putInt(random.nextInt()).putInt(random.nextInt(mode == 1 ? Integer.MAX_VALUE : 1_000_000));
        }
        buffer.putShort((short) type).putShort((short) code).putInt(value);
    }

    static ControlState state(boolean keyboard) {
        return new ControlState(keyboard, 2, InputSettings.DEFAULTS.timing());
    }
}
