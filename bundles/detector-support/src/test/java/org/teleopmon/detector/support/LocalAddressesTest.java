package org.teleopmon.detector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalAddressesTest {

    private final LocalAddresses local = new LocalAddresses();

    @Test
    void loopbackIsAlwaysLocalInTextAndBytes() throws Exception {
        assertThat(local.isLocal("127.0.0.1")).isTrue();
        assertThat(local.isLocal("127.3.4.5")).isTrue();
        assertThat(local.isLocal("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(isLocal("127.9.9.9")).isTrue();
        assertThat(isLocal("::1")).isTrue();
        assertThat(isLocal("10.0.0.7")).isFalse();
    }

    @Test
    void aFixedSetAnswersInBothFormsAndKeepsLoopback() throws Exception {
        local.set(Set.of("10.0.0.1", "fd00::1"));
        local.refresh(System.nanoTime());

        assertThat(local.isLocal("10.0.0.1")).isTrue();
        assertThat(isLocal("10.0.0.1")).isTrue();
        assertThat(isLocal("fd00::1")).isTrue();
        assertThat(isLocal("10.0.0.2")).isFalse();
        assertThat(isLocal("127.0.0.1")).isTrue();
        assertThat(local.addresses()).contains("10.0.0.1", "127.0.0.1");
    }

    @Test
    void aNameIsNeverLookedUp() {
        local.set(Set.of("robot.example"));

        assertThat(local.isLocal("robot.example")).isTrue();
        assertThat(local.addresses()).contains("robot.example");
    }

    @Test
    void theInterfacesAreReadOnRefresh() throws Exception {
        local.refresh(System.nanoTime());

        assertThat(local.addresses()).contains("127.0.0.1");
    }

    private boolean isLocal(String address) throws Exception {
        byte[] raw = InetAddress.getByName(address).getAddress();
        byte[] padded = new byte[raw.length + 3];
        System.arraycopy(raw, 0, padded, 3, raw.length);
        return local.isLocal(padded, 3, raw.length);
    }
}
