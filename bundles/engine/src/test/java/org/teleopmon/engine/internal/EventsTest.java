package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.STATE_UPDATE;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;

class EventsTest {

    private final Timeline t = new Timeline().attach("zmq", 90).attach("webrtc", 60);

    @Test
    void stateUpdatesAreThrottledWhileTheStateKeepsChanging() {
        t.push("zmq", 90);
        int start = t.events.size();
        for (int i = 0; i < 30; i++) {
            t.advance(100);
            t.push("zmq", 90, Map.of("latency_ms", 10.0 + i));
        }
        var updates = t.events.subList(start, t.events.size()).stream().filter(e -> e.type() == STATE_UPDATE).toList();
        assertThat(updates).hasSize(6);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(java.time.Duration.between(updates.get(i - 1).timestamp(), updates.get(i).timestamp()))
                    .isGreaterThanOrEqualTo(ms(500));
        }
    }

    @Test
    void noStateUpdateWhileNothingChanges() {
        t.push("zmq", 90);
        long before = t.count(STATE_UPDATE);
        t.keep("zmq", 90, ms(3000));
        assertThat(t.count(STATE_UPDATE)).isEqualTo(before);
    }

    @Test
    void aHeldBackChangeIsPublishedByTheTick() {
        t.push("zmq", 90);
        t.advance(100);
        t.push("zmq", 95);
        assertThat(t.last(STATE_UPDATE).state().confidence()).isEqualTo(81);
        t.run(ms(400));
        assertThat(t.last(STATE_UPDATE).state().confidence()).isEqualTo(86);
    }

    @Test
    void metricsComeFromWhicheverDetectorMeasuresThemNewestFirst() {
        t.push("zmq", 90, Map.of("latency_ms", 12.0, "command_rate_hz", 30.0));
        t.advance(10);
        t.push("webrtc", 70, Map.of("fps", 29.5, "latency_ms", 40.0, "bandwidth_mbps", 3.2));

        Map<String, Reading> metrics = t.correlator.state().metrics();
        assertThat(metrics.get("command_rate_hz").source()).isEqualTo("zmq");
        assertThat(metrics.get("fps").source()).isEqualTo("webrtc");
        assertThat(metrics.get("latency_ms").value()).isEqualTo(40.0);
        assertThat(metrics.get("latency_ms").source()).isEqualTo("webrtc");
        assertThat(metrics).doesNotContainKey("packet_loss_percent");
    }

    @Test
    void sessionSummaryHasMeanAndPeakOfEachMetric() {
        double[] fps = {30, 28, 10, 32};
        for (double value : fps) {
            t.push("zmq", 90, Map.of("fps", value, "custom", 1.0));
            t.advance(100);
        }
        t.push("zmq", 0);
        t.run(ms(2000));

        SessionRecord session = t.last(TELEOPERATION_STOPPED).session();
        assertThat(session.summary()).containsOnlyKeys("fps");
        assertThat(session.summary().get("fps").mean()).isEqualTo(25.0);
        assertThat(session.summary().get("fps").peak()).isEqualTo(32.0);
        assertThat(session.summary().get("fps").samples()).isEqualTo(4);
    }

    @Test
    void statsCountSignalsTransitionsAndUptime() {
        t.push("zmq", 90);
        t.push("webrtc", 50);
        t.advance(1000);
        t.push("zmq", 0);
        t.run(ms(2000));

        MonitorStats stats = t.correlator.stats();
        assertThat(stats.detections()).isEqualTo(3);
        assertThat(stats.perDetector()).containsEntry("zmq", 2L).containsEntry("webrtc", 1L);
        assertThat(stats.stateChanges()).isEqualTo(2);
        assertThat(stats.sessions()).isEqualTo(1);
        assertThat(stats.uptime()).isEqualTo(ms(3000));
    }

    @Test
    void everyEventCarriesTheStateAfterTheChange() {
        t.push("zmq", 90, "10.0.0.7");
        for (TeleopEvent event : t.events) {
            assertThat(event.state().active()).isTrue();
            assertThat(event.state().operators()).hasSize(1);
        }
    }

    @Test
    void configuredRobotTypeIsInForceAndReloads() {
        assertThat(t.correlator.state().robotType()).isEqualTo("lekiwi");
        Settings d = Settings.defaults();
        t.correlator.reconfigure(new Settings("xle", d.threshold(), d.lowerThreshold(), d.holdTime(),
                d.detectionInterval(), d.updateInterval(), d.silenceTimeout(), Map.of(), 10, java.util.List.of()));
        assertThat(t.correlator.state().robotType()).isEqualTo("xle");
        t.run(ms(500));
        assertThat(t.last(STATE_UPDATE).state().robotType()).isEqualTo("xle");
    }
}
