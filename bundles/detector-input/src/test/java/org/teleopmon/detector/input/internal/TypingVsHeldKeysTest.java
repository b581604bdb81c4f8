package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * A keyboard typing prose (which is full of w, a, s, d, i, k, j, l) never looks teleoperated; teleop
 * keys held down, which autorepeat, do once one was held {@code key.hold} (1 s). Events go
 * through the real decoder at the times a person and the kernel's autorepeat (250 ms delay, 33 Hz)
 * produce them.
 */
class TypingVsHeldKeysTest {

    private static final long MS = 1_000_000L;
    private static final String PROSE = "the quick brown fox jumps over the lazy dog while we wait as the robot sits "
            + "and does nothing at all, said the lab assistant, looking at a dashboard with a sad face";

    private final EventDecoder decoder = new EventDecoder(8);
    private final TeleopKeys keys = InputSettings.DEFAULTS.keys();
    private final ControlState keyboard = FuzzTest.state(true);
    private long now = 1_000 * MS;
    private boolean everDriving;

    @Test
    void typingProseAtEightKeysASecondNeverDrives() {
        for (char c : PROSE.toCharArray()) {
            int code = KeyNames.code(c == ' ' ? "space" : c == ',' ? "comma" : String.valueOf(c)).orElseThrow();
            press(code, 85);
            idle(40);
        }

        assertThat(everDriving).isFalse();
        assertThat(keyboard.presses(0)).as("lekiwi-set presses counted").isPositive();
        assertThat(keyboard.repeats(0) + keyboard.repeats(1)).isZero();
    }

    @Test
    void aKeyHeldBrieflyInTheMiddleOfTypingDoesNotDrive() {
        for (int i = 0; i < 3; i++) {
            for (char c : "hello world ".toCharArray()) {
                press(KeyNames.code(c == ' ' ? "space" : String.valueOf(c)).orElseThrow(), 80);
                idle(50);
            }
            hold(KeyNames.code("w").orElseThrow(), 600);
        }

        assertThat(everDriving).as("0.6 s holds within typing: none is sustained").isFalse();
    }

    @Test
    void holdingAForwardKeyDrives() {
        hold(KeyNames.code("w").orElseThrow(), 1600);

        assertThat(everDriving).isTrue();
        assertThat(keyboard.busiestSet()).isZero();
        assertThat(keys.names().get(keyboard.busiestSet())).isEqualTo("lekiwi");
    }

    @Test
    void xleBaseKeysHeldInTurnDriveAsXle() {
        for (String key : new String[] {"i", "j", "i", "l"}) {
            hold(KeyNames.code(key).orElseThrow(), 1100);
            idle(150);
        }

        assertThat(everDriving).isTrue();
        assertThat(keys.names().get(keyboard.busiestSet())).isEqualTo("xle");
    }

    @Test
    void drivingStopsAfterTheIdleTimeout() {
        hold(KeyNames.code("s").orElseThrow(), 1500);
        assertThat(keyboard.driving(now)).isTrue();

        idle(1400);
        assertThat(keyboard.driving(now)).as("1.4 s after the release, within idle.timeout 1.5 s").isTrue();
        idle(200);
        assertThat(keyboard.driving(now)).isFalse();
    }

    private void press(int code, long heldMillis) {
        send(code, 1);
        idle(heldMillis);
        send(code, 0);
    }

    /** The kernel's autorepeat: value 2 every 30 ms after a 250 ms delay. */
    private void hold(int code, long millis) {
        long end = now + millis * MS;
        send(code, 1);
        idle(250);
        while (now < end) {
            send(code, 2);
            idle(30);
        }
        send(code, 0);
    }

    private void idle(long millis) {
        for (long t = 0; t < millis; t += 10) {
            now += 10 * MS;
            everDriving |= keyboard.driving(now);
        }
    }

    private void send(int code, int value) {
        ByteBuffer bytes = new Records(8, 3).add(Codes.EV_MSC, 4, 0x70000 + code).add(Codes.EV_KEY, code, value).syn()
                .buffer();
        keyboard.at(now);
        decoder.decode(bytes, 0, bytes.remaining(), keys, keyboard);
        everDriving |= keyboard.driving(now);
        assertThat(String.valueOf(keyboard.activeControls()).toLowerCase(Locale.ROOT)).isNotBlank();
    }
}
