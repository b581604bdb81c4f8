package org.teleopmon.detector.zmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.simulator.internal.Simulation;
import org.teleopmon.simulator.internal.SimulationOptions;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.LinkEmulator;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * The kernel's round trip and retransmissions over a real slow link: a JeroMQ LeKiwi robot host and the ZMQ
 * detector with the real sockets bundle in this JVM's namespace (netlink's socket table is per namespace: the
 * robot's ends must be where the table is read), a libzmq operator (Debian's pyzmq) in the link emulator's
 * private namespace, 40 ms ± 5 ms of round trip (MTU 1500) between them. No packet capture.
 */
@Requires({Prerequisite.ROOT, Prerequisite.IPROUTE2, Prerequisite.TUN, Prerequisite.PYTHON_ZMQ})
class EmulatedLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration RTT = Duration.ofMillis(40);
    private static final Duration RTT_JITTER = Duration.ofMillis(5);

    private final KernelFedDetector kernel = new KernelFedDetector();
    private final int commandPort = kernel.commandPort;
    private final int observationPort = kernel.observationPort;
    private final ZmqDetector detector = kernel.detector;

    @AfterEach
    void close() {
        kernel.close();
    }

    @Test
    void latencyIsTheLinksRoundTripWithinTenPercent() throws Exception {
        LinkEmulator.Shape half = LinkEmulator.Shape.halfOf(RTT, RTT_JITTER, 0);
        try (LinkEmulator link = LinkEmulator.start(half, half);
                ServerSocket far = link.peer().call(() -> new ServerSocket(0, 100, link.peerAddress()));
                Simulation robot = Simulation.start(robot(link));
                ChildProcess operator = PythonOperator.start(link.peer(),
                        link.localAddress().getHostAddress(), commandPort, observationPort, 100_000)) {
            String peer = link.peerAddress().getHostAddress();
            await().atMost(WAIT).until(detector::detect, s -> s.active()
                    && s.operators().stream().anyMatch(o -> o.id().equals(peer)));
            List<Double> handshakes = new ArrayList<>();
            // Three handshakes a reading: one varies ± 5 ms with the link's jitter, the median of 30 by about ± 0.5 ms.
            List<Double> latency = sample(Measurements.LATENCY_MS, () -> handshakes.add(handshakeRttMs(far, link))
                    && handshakes.add(handshakeRttMs(far, link)) && handshakes.add(handshakeRttMs(far, link)));
            System.out.println("latency_ms over " + link + ": " + latency + "; handshake RTT " + handshakes
                    + "; min_rtt_ms " + detector.detect().measurement("min_rtt_ms") + "; link " + link.toPeer()
                    + " / " + link.fromPeer());

            // The link delays each way by 20 ± 2.5 ms (the draw changes every 10 ms): a round trip is never under
            // 35 ms. A userspace relay on a loaded 2-core host also runs late by its scheduling (a millisecond at
            // load 4, several at load 14), so the reference is the round trip the link had meanwhile, timed by
            // the kernel on fresh TCP handshakes over it (no user space at either end): 40 ms on a quiet host.
            // A lone SYN waits on the relay's wake-up (outliers of 60 ms seen at load 11): the median is the
            // reference. Each latency reading averages the kernel's smoothed RTT over the 2 s window; their mean
            // must be within 10 % of the configured 40 ms of the link as it ran.
            double link40 = handshakes.stream().sorted().toList().get(handshakes.size() / 2);
            assertThat(link40).isGreaterThanOrEqualTo(RTT.minus(RTT_JITTER).toMillis());
            assertThat(mean(latency)).isCloseTo(link40, within(0.1 * RTT.toMillis()));
            assertThat(detector.detect().measurement("min_rtt_ms")).isGreaterThanOrEqualTo(35.0);
        }
    }

    /** The round trip of a TCP handshake to {@code far}, as the kernel timed it (SYN to SYN-ACK), in ms. */
    private double handshakeRttMs(ServerSocket far, LinkEmulator link) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(link.peerAddress(), far.getLocalPort()), 5_000);
            return kernel.sockets.read(SocketInterest.tcp(Set.of(probe.getLocalPort()))).sockets().stream()
                    .filter(s -> s.localPort() == probe.getLocalPort() && s.tcp() != null)
                    .mapToDouble(s -> s.tcp().rttMicros() / 1000.0).findFirst().orElseThrow();
        }
    }

    @Test
    void lossShowsAsRetransmissions() throws Exception {
        LinkEmulator.Shape lossy = LinkEmulator.Shape.halfOf(RTT, RTT_JITTER, 2);
        try (LinkEmulator link = LinkEmulator.start(lossy, lossy);
                Simulation robot = Simulation.start(robot(link));
                ChildProcess operator = PythonOperator.start(link.peer(),
                        link.localAddress().getHostAddress(), commandPort, observationPort, 100_000)) {
            await().atMost(WAIT).until(detector::detect, DetectorSignal::active);
            List<Double> share = sample("retransmit_percent", () -> true);
            DetectorSignal last = detector.detect();
            System.out.println("retransmit_percent over " + link + ": " + share + "; retransmits "
                    + last.measurement("tcp_retransmits_total") + ", link dropped " + link.toPeer() + " / "
                    + link.fromPeer() + ", latency_ms " + last.measurement(Measurements.LATENCY_MS));
            // Every data segment the link drops toward the operator is sent again (a few of the drops are pure
            // ACKs, which are not); spurious retransmissions (tail-loss probes) add a little. 2 % of ~500 segments
            // a second over 2 s windows: 20 ± 4.5 a window, so the mean share of 10 readings sits well inside 1..6 %.
            assertThat(last.measurement("tcp_retransmits_total")).isGreaterThanOrEqualTo(link.toPeer().dropped() / 2.0);
            assertThat(mean(share)).isBetween(1.0, 6.0);
        }
    }

    /**
     * Ten readings of {@code name}, 0.4 s apart, once the window (2 s) holds only the established session; runs
     * {@code alongside} with each.
     */
    private List<Double> sample(String name, Callable<Boolean> alongside) {
        List<Double> values = new ArrayList<>();
        await().pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(400)).atMost(WAIT)
                .until(() -> alongside.call() && values.add(detector.detect().measurement(name)) && values.size() == 10);
        return values;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The robot host, bound to this namespace's end of the link: 30 Hz, one 20 KB camera, base64 in the JSON (about 19 segments). */
    private SimulationOptions robot(LinkEmulator link) {
        String here = link.localAddress().getHostAddress();
        return new SimulationOptions("lekiwi", "robot", false, here, here, commandPort, observationPort, 30,
                Duration.ZERO, 1, 20_000, "", Duration.ZERO, Duration.ZERO);
    }


}
