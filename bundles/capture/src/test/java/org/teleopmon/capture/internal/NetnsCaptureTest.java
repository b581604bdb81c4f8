package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Real capture inside a network namespace made for the test: only the datagrams sent on that
 * namespace's {@code lo} are seen, not those sent meanwhile to the same port on the host's.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT, Prerequisite.IPROUTE2})
class NetnsCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final NetNs namespace = NetNs.planned();
    private Capture inNamespace;
    private Capture onHost;

    @AfterEach
    void close() throws Exception {
        for (Capture capture : new Capture[] {inNamespace, onHost}) {
            if (capture != null) {
                capture.close();
            }
        }
        namespace.close();
    }

    @Test
    void capturesTheNamespacesLoopbackAndNotTheHosts() throws Exception {
        namespace.bringUp();
        int port = FreePort.next();
        CaptureInterest interest = new CaptureInterest(null, Set.of(port), false);
        NamespaceRecorder inside = new NamespaceRecorder(interest);
        RecordingListener host = new RecordingListener(interest);
        inNamespace = start(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo")).withNetns(file()), inside);
        onHost = start(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo")), host);
        String hostNamespace = threadNamespace();

        Traffic.sendUdp(port, bytes("host-1"));
        namespace.sendUdp(port, "netns-1", "netns-2", "netns-3");
        Traffic.sendUdp(port, bytes("host-2"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(payloads(inside.recorder)).containsExactly("netns-1", "netns-2", "netns-3");
            assertThat(payloads(host)).containsExactly("host-1", "host-2");
        });
        assertThat(inside.recorder.seen).allSatisfy(s -> assertThat(s.dstPort()).isEqualTo(port));
        assertThat(inside.namespaces).containsExactly(namespace.identity());
        assertThat(threadNamespace()).as("the test's own thread stays where it was").isEqualTo(hostNamespace);
        assertThat(inNamespace.stats().networkNamespace()).isEqualTo(file());
        assertThat(onHost.stats().networkNamespace()).isEmpty();
        assertThat(inNamespace.health()).isEqualTo(Health.ok());
    }

    @Test
    void aMissingNamespaceIsCriticalNamingThePathAndCaptureStartsOnceItExists() throws Exception {
        int port = FreePort.next();
        RecordingListener listener = new RecordingListener(new CaptureInterest(null, Set.of(port), false));
        inNamespace = start(new CaptureSettings(List.of("lo"), 65535, 1 << 20, false, Duration.ofMillis(100),
                Duration.ofMillis(400)).withNetns(file()), listener);

        await().atMost(WAIT).until(() -> inNamespace.health().status() == Health.Status.CRITICAL);
        assertThat(inNamespace.health().message()).contains("network namespace " + file() + " does not exist")
                .contains("No such file or directory").contains("ip netns add");
        await().atMost(WAIT).until(() -> inNamespace.openAttempts() >= 3);
        assertThat(inNamespace.stats().interfaces()).isEmpty();
        assertThat(inNamespace.stats().networkNamespace()).isEqualTo(file());

        namespace.bringUp();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inNamespace.health()).isEqualTo(Health.ok());
            assertThat(inNamespace.stats().interfaces()).containsExactly("lo");
        });
        namespace.sendUdp(port, "after");
        await().atMost(WAIT).untilAsserted(() -> assertThat(payloads(listener)).containsExactly("after"));
    }

    @Test
    void unconfiguredInterfacesAreTheNamespacesOwn() throws Exception {
        namespace.bringUp();
        String ns = namespace.name();
        String withAddress = "tma" + ns.substring(3);
        String without = "tmb" + ns.substring(3);
        assertThat(namespace.exec("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1")).isZero();
        assertThat(namespace.ip("link", "add", withAddress, "type", "veth", "peer", "name", without)).isZero();
        assertThat(namespace.ip("addr", "add", "10.213.0.1/24", "dev", withAddress)).isZero();
        assertThat(namespace.ip("link", "set", withAddress, "up")).isZero();
        assertThat(namespace.ip("link", "set", without, "up")).isZero();
        inNamespace = start(CaptureSettings.DEFAULTS.withNetns(file()),
                new RecordingListener(new CaptureInterest(null, Set.of(FreePort.next()), false)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(inNamespace.stats().interfaces())
                .containsExactly("lo", withAddress));
        assertThat(inNamespace.health()).isEqualTo(Health.ok());
    }

    /** The namespace file the capture is configured with. */
    private String file() {
        return namespace.path().toString();
    }

    private static Capture start(CaptureSettings settings, PacketListener listener) {
        Capture capture = new Capture(settings);
        capture.start();
        capture.add(listener);
        if (!settings.netns().isEmpty() && !Files.exists(Path.of(settings.netns()))) {
            return capture;
        }
        await().atMost(WAIT).until(() -> capture.stats().interfaces().contains("lo") && !capture.stats().filter().isEmpty());
        return capture;
    }

    private static List<String> payloads(RecordingListener listener) {
        return listener.seen.stream().filter(s -> s.transport() == Packet.UDP)
                .map(s -> new String(s.payload(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String threadNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records packets and the network namespace of the thread that delivers them. */
    private static final class NamespaceRecorder implements PacketListener {

        final RecordingListener recorder;
        final Set<String> namespaces = new CopyOnWriteArraySet<>();

        NamespaceRecorder(CaptureInterest interest) {
            this.recorder = new RecordingListener(interest);
        }

        @Override
        public CaptureInterest interest() {
            return recorder.interest();
        }

        @Override
        public void onPacket(Packet packet) {
            namespaces.add(threadNamespace());
            recorder.onPacket(packet);
        }
    }
}
