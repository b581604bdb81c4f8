package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A pad's controls against the dead zone, the minimum activity, the idle timeout and a stuck button. */
class ControlStateTest {

    private static final long MS = 1_000_000L;

    private final ControlState pad = FuzzTest.state(false);
    private long now = 5_000 * MS;

    @Test
    void aPadLyingStillWithNoisySticksNeverDrives() {
        pad.range(Codes.ABS_X, -32768, 32767, 120);
        pad.range(Codes.ABS_Y, -32768, 32767, -300);
        for (int i = 0; i < 600; i++) {
            axis(Codes.ABS_X, 120 + (i % 7) * 300);   // within the 20 % dead zone (6553)
            axis(Codes.ABS_Y, -300 - (i % 5) * 500);
            step(16);
        }
        assertThat(pad.driving(now)).isFalse();
        assertThat(pad.rateHz(now)).isZero();
        assertThat(pad.activeControls()).isZero();
    }

    @Test
    void aStickPushedAndHeldDrivesAfterMinActiveAndWhileHeld() {
        axis(Codes.ABS_Y, -32000);
        step(400);
        assertThat(pad.driving(now)).as("0.4 s < min.active").isFalse();
        step(200);
        assertThat(pad.driving(now)).isTrue();
        step(10_000);
        assertThat(pad.driving(now)).as("held still for 10 s: still driving").isTrue();
        assertThat(pad.activeControls()).isEqualTo(1);
        axis(Codes.ABS_Y, 0);
        step(1400);
        assertThat(pad.driving(now)).isTrue();
        step(200);
        assertThat(pad.driving(now)).as("released for idle.timeout").isFalse();
    }

    @Test
    void aBumpDoesNotDrive() {
        button(Codes.BTN_SOUTH, 1);
        step(80);
        button(Codes.BTN_SOUTH, 0);
        for (int i = 0; i < 300; i++) {
            step(10);
            assertThat(pad.driving(now)).isFalse();
        }
    }

    @Test
    void dpadTapsAtARateDrive() {
        for (int i = 0; i < 6; i++) {
            button(Codes.BTN_DPAD_UP, 1);
            step(100);
            button(Codes.BTN_DPAD_UP, 0);
            step(100);
        }
        assertThat(pad.driving(now)).isTrue();
        assertThat(pad.rateHz(now)).isEqualTo(6.0); // 12 changes in the last 2 s
    }

    @Test
    void aPadLyingOnAButtonStopsCountingAfterMaxHold() {
        button(0x136, 1);
        step(1000);
        assertThat(pad.driving(now)).isTrue();
        step(29_000);
        assertThat(pad.driving(now)).isTrue();
        step(1100);
        assertThat(pad.driving(now)).as("30 s with no other event").isFalse();
    }

    @Test
    void triggersRestAtTheirMinimumAndHatsAtZero() {
        pad.range(Codes.ABS_RZ, 0, 1023, 0);
        pad.range(Codes.ABS_HAT0X, -1, 1, 0);
        axis(Codes.ABS_RZ, 150);   // under 20 % of 1023
        assertThat(pad.activeControls()).isZero();
        axis(Codes.ABS_RZ, 600);
        axis(Codes.ABS_HAT0X, -1);
        assertThat(pad.activeControls()).isEqualTo(2);
    }

    @Test
    void nextChangeIsWhenTheStreakCanEndOrStart() {
        assertThat(pad.nextChange(now)).isEqualTo(Long.MAX_VALUE);
        axis(Codes.ABS_X, 30000);
        assertThat(pad.nextChange(now)).isEqualTo(now + 500 * MS);
        step(600);
        pad.driving(now);
        assertThat(pad.nextChange(now)).as("held: until max.hold").isEqualTo(now - 600 * MS + 30_000 * MS + 1);
        axis(Codes.ABS_X, 0);
        assertThat(pad.nextChange(now)).as("released: until idle.timeout").isEqualTo(now + 1500 * MS + 1);
    }

    @Test
    void syncDroppedForgetsWhatWasHeld() {
        button(Codes.BTN_SOUTH, 1);
        assertThat(pad.activeControls()).isEqualTo(1);
        pad.dropped();
        pad.button(0x131, 1);
        pad.report();
        assertThat(pad.activeControls()).as("events up to the next report are discarded").isZero();
        assertThat(pad.drops()).isEqualTo(1);
    }

    private void axis(int axis, int value) {
        pad.at(now);
        pad.axis(axis, value);
        pad.report();
    }

    private void button(int code, int value) {
        pad.at(now);
        pad.button(code, value);
        pad.report();
    }

    private void step(long millis) {
        now += millis * MS;
    }
}
