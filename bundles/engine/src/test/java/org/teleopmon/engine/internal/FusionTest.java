package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FusionTest {

    @Test
    void noEvidenceIsZero() {
        assertThat(new Fusion().confidence()).isZero();
        assertThat(new Fusion().add(false, 100, 100).confidence()).isZero();
        assertThat(new Fusion().add(true, 0, 100).add(true, 90, 0).confidence()).isZero();
    }

    @Test
    void oneDetectorReachesAtMostWeightTimesConfidence() {
        assertThat(new Fusion().add(true, 80, 50).confidence()).isEqualTo(40);
        assertThat(new Fusion().add(true, 90, 90).confidence()).isEqualTo(81);
        assertThat(new Fusion().add(true, 100, 100).confidence()).isEqualTo(100);
    }

    @Test
    void corroborationRaisesConfidenceAndOrderDoesNotMatter() {
        int video = new Fusion().add(true, 70, 60).confidence();
        int gamepad = new Fusion().add(true, 80, 50).confidence();
        int both = new Fusion().add(true, 70, 60).add(true, 80, 50).confidence();
        int reversed = new Fusion().add(true, 80, 50).add(true, 70, 60).confidence();
        int three = new Fusion().add(true, 70, 60).add(true, 80, 50).add(true, 90, 90).confidence();

        assertThat(video).isEqualTo(42);
        assertThat(gamepad).isEqualTo(40);
        assertThat(both).isEqualTo(65).isEqualTo(reversed).isGreaterThan(video).isGreaterThan(gamepad);
        assertThat(three).isEqualTo(93).isLessThanOrEqualTo(100);
    }
}
