package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.Health;

/** The {@code netns} key: blank is the monitor's own namespace, and every wrong value says what to fix; and {@code enabled = false}. */
class NetworkNamespaceTest {

    @TempDir
    Path dir;

    @Test
    void blankOrUnsetMeansTheMonitorsOwnNamespace() throws Exception {
        for (String blank : new String[] {null, "", "   "}) {
            assertThat(NetworkNamespace.of(blank).isOwn()).isTrue();
            assertThat(CaptureSettings.DEFAULTS.withNetns(blank).netns()).isEmpty();
        }
        assertThat(CaptureSettings.DEFAULTS.netns()).isEmpty();
        assertThat(CaptureComponent.settings(config(Map.of())).netns()).isEmpty();
        NetworkNamespace.OWN.enter();
        assertThat(NetworkNamespace.OWN.problem()).isNull();
    }

    @Test
    void theConfiguredPathIsTrimmedAndKept() {
        CaptureSettings settings = CaptureComponent.settings(config(Map.of("netns", "  /run/netns/robot ")));
        assertThat(settings.netns()).isEqualTo("/run/netns/robot");
        assertThat(settings.namespace().problem()).isNull();
        assertThat(settings.withInterfaces(List.of("lo")).withBatchMillis(0).netns()).isEqualTo("/run/netns/robot");
    }

    @Test
    void aRelativeNameIsRejectedWithTheFileItProbablyMeant() {
        NetworkNamespace namespace = NetworkNamespace.of("robot");
        assertThat(namespace.problem()).contains("netns 'robot' is not the absolute path")
                .contains("/run/netns/robot").contains("etc/org.teleopmon.capture.cfg");
        assertThatThrownBy(namespace::enter).isInstanceOf(PcapException.class)
                .hasMessage(namespace.problem())
                .satisfies(e -> assertThat(((PcapException) e).kind()).isEqualTo(PcapException.Kind.NETNS));
    }

    @Test
    void aMissingFileSaysSoWithTheErrnoText() {
        String missing = dir.resolve("no-such-namespace").toString();
        assertThatThrownBy(() -> NetworkNamespace.of(missing).enter()).isInstanceOf(PcapException.class)
                .hasMessageContaining("network namespace " + missing + " does not exist")
                .hasMessageContaining("open: No such file or directory")
                .hasMessageContaining("ip netns add");
    }

    @Test
    void aFileThatIsNoNetworkNamespaceIsRejectedByTheKernel() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "not a namespace");
        for (String path : new String[] {plain.toString(), "/proc/self/ns/mnt"}) {
            assertThatThrownBy(() -> NetworkNamespace.of(path).enter()).isInstanceOf(PcapException.class)
                    .hasMessageContaining(path + " is not a network namespace")
                    .hasMessageContaining("setns: Invalid argument")
                    .hasMessageContaining("/proc/<pid>/ns/net");
        }
    }

    @Test
    void healthNamesTheNamespaceWhereItNamesInterfaces() {
        CaptureSettings settings = CaptureSettings.DEFAULTS.withNetns("/run/netns/robot");
        CaptureHealth health = new CaptureHealth("/usr/bin/java", settings.namespace());
        InterfaceCapture lo = new InterfaceCapture("lo", settings);
        InterfaceCapture wlan = new InterfaceCapture("wlan0", settings);
        wlan.failure = new PcapException(PcapException.Kind.NO_DEVICE, "wlan0: No such device exists");

        health.publish(List.of(lo, wlan));

        assertThat(health.current().status()).isEqualTo(Health.Status.WARN);
        assertThat(health.current().message()).startsWith("Packet capture on lo in network namespace /run/netns/robot only: "
                + "no interface named wlan0 in network namespace /run/netns/robot");
    }

    /** The configuration as DS builds it: every key at its declared default unless given. */
    @Test
    void switchedOffCaptureOpensNothingAndSaysSoInItsHealth() {
        CaptureComponent component = new CaptureComponent(config(Map.of("enabled", false)));
        component.activate();
        try {
            assertThat(component.health()).isEqualTo(CaptureComponent.SWITCHED_OFF);
            assertThat(component.health().message()).contains("enabled = false").contains("socket table");
            assertThat(component.stats().interfaces()).isEmpty();
        } finally {
            component.deactivate();
        }
    }

    private static CaptureConfig config(Map<String, Object> values) {
        return (CaptureConfig) Proxy.newProxyInstance(CaptureConfig.class.getClassLoader(), new Class<?>[] {CaptureConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }
}
