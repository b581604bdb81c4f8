package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code struct input_event} at both sizes the kernel writes (24 bytes to a 64-bit process, 16 to a
 * 32-bit one), and the privacy boundary: a keyboard key outside the teleop sets never leaves the
 * decoder, nor does a scan code.
 */
class EventDecoderTest {

    private final TeleopKeys keys = InputSettings.DEFAULTS.keys();

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aPadGroupIsDecodedAtEitherSize(int longSize) {
        ByteBuffer bytes = new Records(longSize, 8)
                .add(Codes.EV_ABS, Codes.ABS_X, -20000)
                .add(Codes.EV_ABS, Codes.ABS_Y, 12345)
                .add(Codes.EV_KEY, Codes.BTN_SOUTH, 1)
                .add(Codes.EV_KEY, Codes.BTN_DPAD_UP, 1)
                .add(Codes.EV_MSC, 4, 0x90001)
                .syn()
                .buffer();
        RecordingSink sink = new RecordingSink();

        int used = new EventDecoder(longSize).decode(bytes, 0, bytes.remaining(), keys, sink);

        assertThat(used).isEqualTo(6 * (2 * longSize + 8));
        assertThat(sink.calls).containsExactly("axis 0=-20000", "axis 1=12345", "button 304=1", "button 544=1",
                "report");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aPartialRecordIsLeftForTheNextRead(int longSize) {
        byte[] two = new Records(longSize, 2).add(Codes.EV_ABS, Codes.ABS_X, 7).syn().bytes();
        ByteBuffer torn = ByteBuffer.wrap(two, 0, two.length - 5).slice().order(java.nio.ByteOrder.nativeOrder());
        RecordingSink sink = new RecordingSink();

        int used = new EventDecoder(longSize).decode(torn, 0, two.length - 5, keys, sink);

        assertThat(used).isEqualTo(2 * longSize + 8);
        assertThat(sink.calls).containsExactly("axis 0=7");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void typedTextNeverLeavesTheDecoder(int longSize) {
        Records typing = new Records(longSize, 2000);
        List<Integer> codes = new ArrayList<>();
        // every keyboard key of a full keyboard, pressed, autorepeated and released, with its scan code
        for (int code = 1; code < Codes.BTN_MISC; code++) {
            codes.add(code);
            typing.add(Codes.EV_MSC, 4, 0x70000 + code).add(Codes.EV_KEY, code, 1).syn()
                    .add(Codes.EV_KEY, code, 2).syn().add(Codes.EV_KEY, code, 0).syn();
        }
        ByteBuffer bytes = typing.buffer();
        RecordingSink sink = new RecordingSink();

        new EventDecoder(longSize).decode(bytes, 0, bytes.remaining(), keys, sink);

        List<String> keyCalls = sink.calls.stream().filter(c -> !c.equals("report")).toList();
        // only the 16 teleop keys arrive, as set and slot; no code, no scan code
        assertThat(keyCalls).hasSize(16 * 3).allMatch(c -> c.startsWith("key set "));
        assertThat(keyCalls.stream().filter(c -> c.startsWith("key set 0 ")).count()).isEqualTo(8 * 3);
        assertThat(keyCalls.stream().filter(c -> c.startsWith("key set 1 ")).count()).isEqualTo(8 * 3);
        assertThat(sink.calls).noneMatch(c -> c.contains("=" + 0x70000) || c.startsWith("axis") || c.startsWith("button"));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void garbageIsCountedNotPassedOn(int longSize) {
        ByteBuffer bytes = new Records(longSize, 6)
                .add(0x7f, 0, 0)                                   // no such type
                .add(Codes.EV_KEY, 0x300, 1)                       // past KEY_MAX
                .add(Codes.EV_KEY, Codes.BTN_SOUTH, 7)             // no such key value
                .add(Codes.EV_ABS, 0x40, 1)                        // past ABS_MAX
                .add(1_700_000_000L, 5_000_000, Codes.EV_ABS, 0, 1) // microseconds past a second
                .add(Codes.EV_SYN, Codes.SYN_DROPPED, 0)
                .buffer();
        RecordingSink sink = new RecordingSink();

        new EventDecoder(longSize).decode(bytes, 0, bytes.remaining(), keys, sink);

        assertThat(sink.calls).containsExactly("malformed", "malformed", "malformed", "malformed", "malformed",
                "dropped");
    }
}
