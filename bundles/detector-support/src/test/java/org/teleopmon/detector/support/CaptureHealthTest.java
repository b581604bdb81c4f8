package org.teleopmon.detector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.CaptureStats;

class CaptureHealthTest {

    @Test
    void withoutACaptureServiceTheDetectorIsBlindAndSaysHowToInstallIt() {
        Health health = CaptureHealth.of(null, "the ZMQ detector");

        assertThat(health.status()).isEqualTo(Health.Status.TEMPORARILY_UNAVAILABLE);
        assertThat(health.message()).isEqualTo("no capture service: the ZMQ detector sees no packets "
                + "(install it in the shell: feature:install teleop-capture)");
    }

    @Test
    void anUnhealthyCaptureIsTheDetectorsProblemWithTheCapturesOwnFix() {
        Health critical = Health.critical("Packet capture disabled: libpcap is not installed "
                + "(install it: sudo apt-get install libpcap0.8); retrying with back-off.");

        Health health = CaptureHealth.of(capture(critical), "the WebRTC detector");

        assertThat(health.status()).isEqualTo(Health.Status.CRITICAL);
        assertThat(health.message()).isEqualTo("capture: " + critical.message());
    }

    @Test
    void aHealthyCaptureIsOk() {
        assertThat(CaptureHealth.of(capture(Health.ok()), "the ZMQ detector")).isEqualTo(Health.ok());
    }

    @Test
    void packetsAreCapturedOnlyWithAnOpenInterfaceAndAUsableHealth() {
        assertThat(CaptureHealth.capturing(null)).isFalse();
        assertThat(CaptureHealth.capturing(capture(Health.ok(), List.of("lo")))).isTrue();
        assertThat(CaptureHealth.capturing(capture(Health.warn("wlan0 down"), List.of("lo")))).isTrue();
        assertThat(CaptureHealth.capturing(capture(Health.warn("capture is off"), List.of()))).isFalse();
        assertThat(CaptureHealth.capturing(capture(Health.critical("no permission"), List.of("lo")))).isFalse();
    }

    private static CaptureService capture(Health health) {
        return capture(health, List.of());
    }

    /** A capture service that only reports the given health and interfaces. */
    private static CaptureService capture(Health health, List<String> interfaces) {
        return new CaptureService() {
            @Override
            public Health health() {
                return health;
            }

            @Override
            public CaptureStats stats() {
                return new CaptureStats(interfaces, 0, 0, 0, 0, 0, 0, "");
            }

            @Override
            public long replay(Path pcapFile) {
                return 0;
            }
        };
    }
}
