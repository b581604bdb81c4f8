package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SettingsTest {

    static EngineConfig config(int threshold, int lower, double hold, String... weights) {
        return new EngineConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EngineConfig.class;
            }

            @Override
            public String robot_type() {
                return "xle";
            }

            @Override
            public int confidence_threshold() {
                return threshold;
            }

            @Override
            public int lower_threshold() {
                return lower;
            }

            @Override
            public double hold_time() {
                return hold;
            }

            @Override
            public double detection_interval() {
                return 0.1;
            }

            @Override
            public double update_interval() {
                return 0.5;
            }

            @Override
            public double silence_timeout() {
                return 5.0;
            }

            @Override
            public String[] detector_weights() {
                return weights;
            }

            @Override
            public int session_history() {
                return 10;
            }

            @Override
            public double stall_threshold() {
                return 0.6;
            }

            @Override
            public double video_stall_threshold() {
                return 1.5;
            }
        };
    }

    @Test
    void convertsSecondsAndParsesWeights() {
        Settings s = Settings.from(config(70, 40, 1.5, "zmq=90", " webrtc = 60", "input=55"));
        assertThat(s.holdTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.detectionInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.weights()).containsEntry("zmq", 90).containsEntry("webrtc", 60).containsEntry("input", 55);
        assertThat(s.weightOf("zmq", 10)).isEqualTo(90);
        assertThat(s.weightOf("other", 10)).isEqualTo(10);
        assertThat(s.weightOf("other", null)).isEqualTo(Settings.DEFAULT_WEIGHT);
        assertThat(s.robotType()).isEqualTo("xle");
        assertThat(s.stallThreshold()).isEqualTo(Duration.ofMillis(600));
        assertThat(s.videoStallThreshold()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void badPartsAreReportedAndReplaced() {
        Settings s = Settings.from(config(60, 80, Double.NaN, "zmq=ninety", "=5", "webrtc=101", "ok=1"));
        assertThat(s.lowerThreshold()).isEqualTo(60);
        assertThat(s.holdTime()).isEqualTo(Duration.ZERO);
        assertThat(s.weights()).containsOnlyKeys("ok");
        assertThat(s.problems()).hasSize(4).anySatisfy(p -> assertThat(p).contains("lower.threshold 80"))
                .anySatisfy(p -> assertThat(p).contains("'zmq=ninety'"));
    }
}
