package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/** Listeners coming and going, a throwing listener, and recovery when a missing interface appears. */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT})
class CaptureLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Capture capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo")));

    @AfterEach
    void close() {
        capture.close();
    }

    @Test
    void theFilterFollowsTheListenersAndNoListenerMeansNoCapture() throws IOException {
        capture.start();
        assertThat(capture.stats().filter()).isEmpty();
        RecordingListener a = new RecordingListener(new CaptureInterest(Set.of(5555, 5556), Set.of(), false));
        RecordingListener b = new RecordingListener(new CaptureInterest(Set.of(5556), Set.of(3478), false));
        capture.add(a);
        await().atMost(WAIT).until(() -> capture.stats().filter().equals("tcp port 5555 or tcp port 5556"));
        capture.add(b);
        await().atMost(WAIT).until(() -> capture.stats().filter().equals("tcp port 5555 or tcp port 5556 or udp port 3478"));
        capture.remove(a);
        await().atMost(WAIT).until(() -> capture.stats().filter().equals("tcp port 5556 or udp port 3478"));
        capture.remove(b);
        assertThat(capture.stats().filter()).isEmpty();
        assertThat(capture.stats().interfaces()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("teleop-capture"));
        assertThat(capture.health()).isEqualTo(Health.ok());
    }

    @Test
    void aThrowingListenerCostsOnlyItsOwnPackets() throws IOException {
        int port = FreePort.next();
        CaptureInterest interest = new CaptureInterest(null, Set.of(port), false);
        PacketListener thrower = new PacketListener() {
            @Override
            public CaptureInterest interest() {
                return interest;
            }

            @Override
            public void onPacket(Packet packet) {
                throw new IllegalStateException("a detector's bug");
            }
        };
        RecordingListener healthy = new RecordingListener(interest);
        capture.start();
        capture.add(thrower);
        capture.add(healthy);
        await().atMost(WAIT).until(() -> capture.stats().interfaces().contains("lo"));

        Traffic.sendUdp(port, new byte[1], new byte[2], new byte[3]);

        await().atMost(WAIT).until(() -> healthy.seen.size() == 3);
        await().atMost(WAIT).until(() -> capture.stats().listenerErrors() == 3);
        assertThat(capture.listenerErrors()).containsExactly(thrower.getClass().getName() + ": 3");
        assertThat(capture.stats().dispatched()).isEqualTo(6);
        assertThat(capture.health().isOk()).isTrue();
    }

    @Test
    @Requires(Prerequisite.IPROUTE2)
    void aMissingInterfaceIsRetriedAndCapturedOnceItAppears() throws Exception {
        String name = "tmc" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        capture = new Capture(new CaptureSettings(List.of(name), 65535, 1 << 20, false, Duration.ofMillis(100),
                Duration.ofMillis(400)));
        capture.start();
        capture.add(new RecordingListener(new CaptureInterest(Set.of(5555), Set.of(), false)));
        await().atMost(WAIT).until(() -> capture.health().status() == Health.Status.CRITICAL);
        assertThat(capture.health().message()).contains("no interface named " + name);
        int attempts = capture.openAttempts();

        assertThat(ip("link", "add", name, "type", "veth", "peer", "name", name + "p")).as("veth pair created").isZero();
        try {
            ip("link", "set", name, "up");
            ip("link", "set", name + "p", "up");
            await().atMost(WAIT).until(() -> capture.health().isOk());
            assertThat(capture.stats().interfaces()).containsExactly(name);
            assertThat(capture.openAttempts()).isGreaterThan(attempts);
        } finally {
            ip("link", "del", name);
        }
    }

    private static int ip(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
