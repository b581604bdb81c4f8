package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/** Real capture on {@code lo} (needs root or CAP_NET_RAW, as CI runs) of traffic the test makes. */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT})
class LiveCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Capture capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo")));

    @AfterEach
    void close() {
        capture.close();
    }

    @Test
    void tcpAndUdpOnOurPortsReachTheListenerWithTheirBytes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, Traffic.LOOPBACK)) {
            int tcpPort = server.getLocalPort();
            int udpPort = FreePort.next();
            RecordingListener listener = new RecordingListener(
                    new CaptureInterest(Set.of(tcpPort), Set.of(udpPort), false));
            capture.start();
            capture.add(listener);
            awaitFilter("tcp port " + tcpPort + " or udp port " + udpPort);

            byte[] stream = new byte[200_000];
            new Random(1).nextBytes(stream);
            Traffic.sendTcp(server, stream);
            byte[][] datagrams = {"one".getBytes(), "two".getBytes(), new byte[1200]};
            Traffic.sendUdp(udpPort, datagrams);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(listener.tcpStream(tcpPort)).isEqualTo(stream);
                assertThat(listener.seen.stream().filter(s -> s.transport() == Packet.UDP)).hasSize(3);
            });
            List<RecordingListener.Seen> udp = listener.seen.stream().filter(s -> s.transport() == Packet.UDP).toList();
            assertThat(udp).extracting(RecordingListener.Seen::dstPort).containsOnly(udpPort);
            assertThat(udp.get(0).payload()).isEqualTo("one".getBytes());
            assertThat(udp.get(2).payload()).hasSize(1200);
            assertThat(listener.seen).allSatisfy(s -> {
                assertThat(s.src()).isEqualTo("127.0.0.1");
                assertThat(s.srcPort() == tcpPort || s.dstPort() == tcpPort || s.dstPort() == udpPort).isTrue();
            });
            assertThat(listener.seen.get(0).flags() & Packet.TCP_SYN).isNotZero();
            assertThat(listener.seen).allSatisfy(s -> assertThat(s.payload()).hasSize(s.declared()));
            assertThat(listener.threads).containsOnly("teleop-capture");
            assertThat(capture.stats().received()).isGreaterThanOrEqualTo(listener.seen.size());
            assertThat(capture.stats().dispatched()).isEqualTo(listener.seen.size());
            assertThat(capture.health().isOk()).isTrue();
        }
    }

    private void awaitFilter(String filter) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(capture.stats().filter()).isEqualTo(filter);
            assertThat(capture.stats().interfaces()).containsExactly("lo");
        });
    }
}
