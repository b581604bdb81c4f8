package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaseUnitsTest {

    @Test
    void monitorUnitsBecomePrometheusBaseUnits() {
        assertThat(BaseUnits.of("latency_ms")).isEqualTo(new BaseUnits("latency_seconds", 0.001));
        assertThat(BaseUnits.of("bandwidth_mbps")).isEqualTo(new BaseUnits("bandwidth_bytes_per_second", 125_000));
        assertThat(BaseUnits.of("bandwidth_mbps").convert(2.5)).as("2.5 Mbit/s in bytes").isEqualTo(312_500.0);
        assertThat(BaseUnits.of("dtls_records_per_s").name()).isEqualTo("dtls_records_per_second");
        assertThat(BaseUnits.of("packet_loss_percent")).isEqualTo(new BaseUnits("packet_loss_ratio", 0.01));
        assertThat(BaseUnits.of("command_rate_hz").name()).isEqualTo("command_rate_hertz");
        assertThat(BaseUnits.of("memory_rss_mb").convert(1)).isEqualTo(1_048_576.0);
        assertThat(BaseUnits.of("fps")).isEqualTo(new BaseUnits("fps", 1));
        assertThat(BaseUnits.of("gripper-temp.C").name()).isEqualTo("gripper_temp_c");
    }
}
