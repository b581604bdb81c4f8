package org.teleopmon.detector.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.Health;

class PacketFailuresTest {

    @Test
    void failedPacketsAreCountedLoggedOnceAndShownInHealth() {
        Recorded log = new Recorded();
        PacketFailures failures = new PacketFailures("ZMQ detector", log.logger);
        assertThat(failures.health()).isEqualTo(Health.ok());

        failures.failed(new IndexOutOfBoundsException("offset 70000"));
        failures.failed(new IndexOutOfBoundsException("offset 70001"));

        assertThat(failures.count()).isEqualTo(2);
        assertThat(failures.health().status()).isEqualTo(Health.Status.WARN);
        assertThat(failures.health().message()).isEqualTo("2 packets failed in the ZMQ detector; see the log");
        assertThat(log.warnings()).containsExactly("ZMQ detector failed on a packet (1 so far), skipped: "
                + "java.lang.IndexOutOfBoundsException: offset 70000");
    }
}
