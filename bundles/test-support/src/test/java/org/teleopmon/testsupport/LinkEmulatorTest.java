package org.teleopmon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * The link emulator with real datagrams: a UDP echo in the peer namespace, pings from this one. The relay can
 * never deliver early, so every round trip is at least the configured minimum; how late it may be depends on
 * this machine's load, so the upper bounds are generous.
 */
@Requires({Prerequisite.ROOT, Prerequisite.IPROUTE2, Prerequisite.TUN})
class LinkEmulatorTest {

    private static final Duration RTT = Duration.ofMillis(40);
    private static final Duration RTT_JITTER = Duration.ofMillis(5);

    @Test
    void everyRoundTripTakesTheConfiguredDelayWithinItsJitterAndNothingIsReordered() throws Exception {
        LinkEmulator.Shape half = LinkEmulator.Shape.halfOf(RTT, RTT_JITTER, 0);
        try (LinkEmulator link = LinkEmulator.start(half, half); Echo echo = new Echo(link)) {
            List<Long> rtts = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            // Pings every 2 ms, so up to 20 are in flight at once and jitter (± 2.5 ms a way) could reorder them.
            echo.ping(300, Duration.ofMillis(2), rtts, order);

            assertThat(order).as("every ping came back").hasSize(300).isSorted();
            long min = RTT.minus(RTT_JITTER).toNanos();
            assertThat(rtts).allSatisfy(r -> assertThat(r).isGreaterThanOrEqualTo(min));
            List<Long> sorted = rtts.stream().sorted().toList();
            // The median of 40 ± 5 ms plus the relay's scheduling: 25 ms of slack for a loaded 2-core host.
            assertThat(sorted.get(sorted.size() / 2)).isBetween(min, RTT.plusMillis(25).toNanos());
            assertThat(link.toPeer().forwarded()).isGreaterThanOrEqualTo(300);
            assertThat(link.toPeer().dropped()).isZero();
        }
    }

    @Test
    void lossDropsItsShareOfPacketsEachWay() throws Exception {
        LinkEmulator.Shape lossy = new LinkEmulator.Shape(Duration.ofMillis(1), Duration.ZERO, 10);
        try (LinkEmulator link = LinkEmulator.start(lossy, lossy); Echo echo = new Echo(link)) {
            List<Long> rtts = new ArrayList<>();
            echo.ping(400, Duration.ofMillis(1), rtts, new ArrayList<>());

            // 10 % each way loses 19 % of round trips: 76 of 400 expected, σ ≈ 7.8; ± 4.5 σ.
            assertThat(400 - rtts.size()).isBetween(41, 111);
            assertThat(link.toPeer().dropped()).isBetween(15L, 75L); // 40 expected, σ 6
        }
    }

    @Test
    void closingRemovesTheDevicesAndTheNamespace() throws Exception {
        LinkEmulator link = LinkEmulator.start(LinkEmulator.Shape.halfOf(RTT, Duration.ZERO, 0),
                LinkEmulator.Shape.halfOf(RTT, Duration.ZERO, 0));
        String device = link.toString().replaceAll(".*\\((tm\\d+a\\d+)\\).*", "$1");
        String namespace = link.peer().name();
        assertThat(run("ip", "link", "show", "dev", device)).isZero();
        link.close();
        assertThat(run("ip", "link", "show", "dev", device)).isNotZero();
        assertThat(run("ip", "netns", "pids", namespace)).isNotZero();
        link.close(); // twice is harmless
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor();
    }

    /** A UDP echo bound in the peer namespace, and a client socket here. */
    private static final class Echo implements AutoCloseable {

        private final DatagramSocket server;
        private final DatagramSocket client;
        private final InetSocketAddress target;
        private final Thread thread;

        Echo(LinkEmulator link) throws IOException {
            target = new InetSocketAddress(link.peerAddress(), 0);
            server = link.peer().call(() -> new DatagramSocket(target));
            client = new DatagramSocket(new InetSocketAddress(link.localAddress(), 0));
            thread = new Thread(this::serve, "echo");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            byte[] buffer = new byte[64];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                while (true) {
                    packet.setLength(buffer.length);
                    server.receive(packet);
                    server.send(packet);
                }
            } catch (IOException e) {
                // closed
            }
        }

        /** Sends {@code count} stamped pings {@code every} apart; collects each round trip and the order of replies. */
        void ping(int count, Duration every, List<Long> rtts, List<Integer> order) throws Exception {
            Thread receiver = new Thread(() -> {
                byte[] buffer = new byte[64];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    client.setSoTimeout(2_000);
                    while (true) {
                        client.receive(packet);
                        ByteBuffer reply = ByteBuffer.wrap(buffer);
                        order.add(reply.getInt());
                        rtts.add(System.nanoTime() - reply.getLong());
                    }
                } catch (SocketTimeoutException e) {
                    // nothing more comes
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "ping-receiver");
            receiver.start();
            InetSocketAddress to = new InetSocketAddress(target.getAddress(), server.getLocalPort());
            for (int i = 0; i < count; i++) {
                byte[] ping = ByteBuffer.allocate(12).putInt(i).putLong(System.nanoTime()).array();
                client.send(new DatagramPacket(ping, ping.length, to));
                LockSupport.parkNanos(every.toNanos());
            }
            receiver.join();
        }

        @Override
        public void close() {
            server.close();
            client.close();
        }
    }
}
