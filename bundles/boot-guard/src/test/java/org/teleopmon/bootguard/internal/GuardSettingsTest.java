package org.teleopmon.bootguard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GuardSettingsTest {

    @Test
    void defaultsWithoutProperties() {
        GuardSettings settings = GuardSettings.from(key -> null);
        assertThat(settings.bootTimeout()).isEqualTo(GuardSettings.DEFAULT_BOOT_TIMEOUT);
        assertThat(settings.stopTimeout()).isEqualTo(GuardSettings.DEFAULT_STOP_TIMEOUT);
        assertThat(settings.beginningLevel()).isEqualTo(100);
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void secondsWithDecimalsZeroDisablesAndTheLogDirectoryTakesReports() {
        Map<String, String> props = Map.of(GuardSettings.BOOT_TIMEOUT, " 2.5 ", GuardSettings.STOP_TIMEOUT, "0",
                "org.osgi.framework.startlevel.beginning", "80", "karaf.log", "/var/log/teleop");
        GuardSettings settings = GuardSettings.from(props::get);
        assertThat(settings.bootTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.stopTimeout()).isZero();
        assertThat(settings.beginningLevel()).isEqualTo(80);
        assertThat(settings.reportDir()).isEqualTo(Path.of("/var/log/teleop"));
    }

    @Test
    void badValuesKeepTheDefaultAndSayWhereToFixThem() {
        Map<String, String> props = Map.of(GuardSettings.BOOT_TIMEOUT, "two minutes", GuardSettings.STOP_TIMEOUT, "-1",
                "org.osgi.framework.startlevel.beginning", "high");
        GuardSettings settings = GuardSettings.from(props::get);
        assertThat(settings.bootTimeout()).isEqualTo(GuardSettings.DEFAULT_BOOT_TIMEOUT);
        assertThat(settings.stopTimeout()).isEqualTo(GuardSettings.DEFAULT_STOP_TIMEOUT);
        assertThat(settings.beginningLevel()).isEqualTo(100);
        assertThat(settings.problems()).hasSize(3);
        assertThat(settings.problems().get(0)).contains("teleop.boot.timeout = 'two minutes'", "etc/system.properties");
        assertThat(settings.problems().get(1)).contains("teleop.stop.timeout = '-1'");
    }
}
