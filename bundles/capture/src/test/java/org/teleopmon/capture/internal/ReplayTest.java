package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.teleopmon.testsupport.Frames.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

class ReplayTest {

    private static final byte[] END = "<end-of-test>".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final Capture capture = new Capture(CaptureSettings.DEFAULTS);

    @AfterEach
    void close() {
        capture.close();
    }

    @Test
    @Requires({Prerequisite.LIBPCAP, Prerequisite.TCPDUMP, Prerequisite.ROOT})
    void replaysWhatTcpdumpRecordedOnLoopback() throws Exception {
        Path file = dir.resolve("lo.pcap");
        try (ServerSocket server = new ServerSocket(0, 1, Traffic.LOOPBACK)) {
            int tcpPort = server.getLocalPort();
            int udpPort = FreePort.next();
            Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "--immediate-mode", "-U", "-n", "-w", file.toString(),
                    "tcp port " + tcpPort + " or udp port " + udpPort).redirectErrorStream(true).start();
            try {
                awaitListening(tcpdump);
                Traffic.sendTcp(server, "command".getBytes(StandardCharsets.US_ASCII));
                Traffic.sendUdp(udpPort, "a".getBytes(), "bb".getBytes(), END);
                // The last datagram in the file means everything before it is there too.
                await().atMost(Duration.ofSeconds(20)).until(() -> contains(Files.readAllBytes(file), END));
            } finally {
                tcpdump.destroy();
                assertThat(tcpdump.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            RecordingListener listener = new RecordingListener(new CaptureInterest(Set.of(tcpPort), Set.of(udpPort), false));
            capture.add(listener);

            long read = capture.replay(file);

            assertThat(read).isEqualTo(listener.seen.size()).isGreaterThanOrEqualTo(2 + 8);
            assertThat(listener.tcpStream(tcpPort)).isEqualTo("command".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(listener.datagrams(udpPort), StandardCharsets.US_ASCII)).isEqualTo("abb<end-of-test>");
            assertThat(listener.seen).extracting(RecordingListener.Seen::timestampNanos).isSorted();
            assertThat(capture.stats().dispatched()).isEqualTo(read);
        }
    }

    @Test
    @Requires(Prerequisite.LIBPCAP)
    void replaysLinuxCookedV2WithRecordedTimestampsAndCountsWhatItCannotDecode() throws Exception {
        Path file = dir.resolve("sll2.pcap");
        new PcapFileWriter(LinkLayer.LINUX_SLL2)
                .add(1_700_000_000L, 123_456, sll2(0x0800, ipv4(6, tcp(40000, 5555, 1, 0, Packet.TCP_PSH, new byte[0], "x".getBytes()))))
                .add(1_700_000_001L, 0, sll2(0x0806, new byte[28]))
                .add(1_700_000_002L, 0, sll2(0x86DD, ipv6(17, new byte[0], udp(1, 5556, new byte[3]))))
                .write(file, 0);
        RecordingListener listener = new RecordingListener(new CaptureInterest(Set.of(5555), Set.of(5556), false));
        capture.add(listener);

        assertThat(capture.replay(file)).isEqualTo(3);

        assertThat(listener.seen).hasSize(2);
        assertThat(listener.seen.get(0).timestampNanos()).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(listener.seen.get(1).ipVersion()).isEqualTo(6);
        assertThat(capture.stats().undecodable()).isEqualTo(1);
    }

    @Test
    @Requires(Prerequisite.LIBPCAP)
    void aFileCutShortYieldsItsWholePackets() throws Exception {
        Path file = dir.resolve("cut.pcap");
        byte[] frame = ethernet(0x0800, ipv4(17, udp(1, 9, new byte[100])));
        new PcapFileWriter(LinkLayer.ETHERNET).add(1, 0, frame).add(2, 0, frame).add(3, 0, frame).write(file, 50);
        RecordingListener listener = new RecordingListener(new CaptureInterest(null, Set.of(9), false));
        capture.add(listener);

        assertThat(capture.replay(file)).isEqualTo(2);
        assertThat(listener.seen).hasSize(2);
    }

    @Test
    void notACaptureFileIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a capture");
        assertThatThrownBy(() -> capture.replay(file)).isInstanceOf(IOException.class).hasMessageContaining("notes.txt");
        assertThatThrownBy(() -> capture.replay(dir.resolve("missing.pcap"))).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.pcap");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static void awaitListening(Process tcpdump) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.contains("listening on")) {
            // tcpdump says "listening on lo" once its filter is in place.
        }
        assertThat(line).as("tcpdump started").isNotNull();
    }
}
