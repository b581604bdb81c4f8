package org.teleopmon.detector.network.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.detector.network.live.Peer;
import org.teleopmon.detector.network.live.TwoHosts;
import org.teleopmon.testsupport.BuiltPacket;
import org.teleopmon.testsupport.ChildProcess;

/**
 * The network detector's cost, as a main run by {@code benchmarks/run network}:
 * <ul>
 * <li>{@code packet [seconds]}: the packet path alone, in this thread, on built packets of a 30 Mbit/s video
 * flow (1200 B datagrams in 30 fps frames) and a 90 Hz VR TLS flow, replayed for {@code seconds} of capture
 * time with the tick every 100 ms: ns and bytes allocated per packet (the thread's allocation counter), and
 * the tick's cost.</li>
 * <li>{@code live [seconds]} (root): real peers on two namespaces (a 90 Hz XLeVR client over TLS, a 30 Mbit/s
 * frame-shaped UDP video out of the robot), captured by libpcap on the robot's link: CPU time of the capture
 * thread and the detector's ticker divided by the wall time.</li>
 * </ul>
 */
public final class NetworkBenchmark {

    private NetworkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "packet";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        if (mode.equals("live")) {
            live(seconds);
        } else {
            packets(seconds);
        }
    }

    private static void packets(int seconds) {
        // One second of traffic, built once; replayed shifted in time by one reused wrapper.
        List<BuiltPacket> second = new ArrayList<>();
        Traffic.Tcp vr = new Traffic.Tcp("10.0.0.7", 51000, "10.0.0.2", 8442, 1);
        int perFrame = (int) (30e6 / 8 / 30 / 1200);
        for (int frame = 0; frame < 30; frame++) {
            long start = frame * 33_333_333L;
            for (int k = 0; k < perFrame; k++) {
                second.add(BuiltPacket.udp(start + k * 20_000L, "10.0.0.2", 5600, "10.0.0.7", 5601, new byte[1200]));
            }
        }
        for (int i = 0; i < 90; i++) {
            second.add(vr.data(i * 11_111_111L, Traffic.tlsRecord(180)));
        }
        second.sort(java.util.Comparator.comparingLong(BuiltPacket::timestampNanos));
        NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());
        detector.localAddresses().set(Set.of("10.0.0.2"));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Shifted p = new Shifted();
        long seq = 0;
        for (int round = 0; round < 2; round++) {
            int warm = round == 0 ? Math.min(10, seconds) : seconds;
            long packets = 0;
            long packetNanos = 0;
            long packetBytes = 0;
            long tickNanos = 0;
            long tickBytes = 0;
            long ticks = 0;
            for (int s = 0; s < warm; s++, seq++) {
                long base = Traffic.T0 + seq * 1_000_000_000L;
                long nextTick = base;
                int i = 0;
                while (i < second.size()) {
                    long bytes0 = mx.getThreadAllocatedBytes(thread);
                    long t0 = System.nanoTime();
                    int n = 0;
                    while (i < second.size() && second.get(i).timestampNanos() + base < nextTick + 100_000_000L) {
                        p.of(second.get(i++), base, seq);
                        detector.onPacket(p);
                        n++;
                    }
                    packetNanos += System.nanoTime() - t0;
                    packetBytes += mx.getThreadAllocatedBytes(thread) - bytes0;
                    packets += n;
                    nextTick += 100_000_000L;
                    bytes0 = mx.getThreadAllocatedBytes(thread);
                    t0 = System.nanoTime();
                    detector.tick();
                    tickNanos += System.nanoTime() - t0;
                    tickBytes += mx.getThreadAllocatedBytes(thread) - bytes0;
                    ticks++;
                }
            }
            if (round == 1) {
                DetectorSignal s = detector.detect();
                System.out.printf("traffic: %d s of capture time, %d packets/s (30 Mbit/s video in 1200 B datagrams at 30 fps"
                        + " + 90 Hz VR records)%n", seconds, second.size());
                System.out.printf("packet path: %.1f ns/packet, %.2f B allocated/packet (%d packets)%n",
                        (double) packetNanos / packets, (double) packetBytes / packets, packets);
                System.out.printf("tick (every 100 ms): %.1f us, %.1f KB allocated%n", tickNanos / 1e3 / ticks,
                        tickBytes / 1024.0 / ticks);
                System.out.printf("share of one core at this rate: %.3f %% (packet path + tick)%n",
                        100.0 * (packetNanos + tickNanos) / (seconds * 1e9));
                System.out.printf("detector: %s%n", s.reason());
            }
        }
    }

    private static void live(int seconds) throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("vr-cert");
        Path[] cert = Peer.selfSignedCertificate(dir);
        try (TwoHosts hosts = TwoHosts.create()) {
            NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());
            detector.localAddresses().set(Set.of(TwoHosts.ROBOT));
            detector.startTicking();
            try (Capture capture = Capture.open(hosts.robotLink(), hosts.robot().path().toString(), 10);
                    Peer server = Peer.start(hosts.robot(), "vr-server", "--host", TwoHosts.ROBOT, "--port", "8442",
                            "--cert", cert[0].toString(), "--key", cert[1].toString());
                    Peer sink = Peer.start(hosts.operator(), "udp-sink", "--host", TwoHosts.OPERATOR, "--port", "47100")) {
                capture.add(detector);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!capture.ready() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                long cpu0 = cpu(mx);
                long t0 = System.nanoTime();
                DetectorSignal during;
                try (Peer headset = Peer.start(hosts.operator(), "vr-client", "--host", TwoHosts.ROBOT, "--port", "8442",
                        "--rate", "90", "--seconds", String.valueOf(seconds));
                        Peer camera = Peer.start(hosts.robot(), "udp-video", "--bind", TwoHosts.ROBOT, "--host",
                                TwoHosts.OPERATOR, "--port", "47100", "--mbps", "30", "--fps", "30", "--seconds",
                                String.valueOf(seconds))) {
                    Thread.sleep(seconds * 500L);
                    during = detector.detect();
                    headset.awaitSent(Duration.ofSeconds(seconds + 30));
                    camera.awaitSent(Duration.ofSeconds(seconds + 30));
                }
                long wall = System.nanoTime() - t0;
                long cpu = cpu(mx) - cpu0;
                CaptureStats stats = capture.stats();
                System.out.printf("session: %d s of 90 Hz XLeVR over TLS + 30 Mbit/s UDP video at 30 fps, two namespaces"
                        + " over veth; mid-session: vr %.1f Hz, video %.1f Mbit/s%n", seconds,
                        during.measurement("vr_rate_hz"), during.measurement("video_mbps"));
                System.out.printf("capture: received %d, kernel drops %d%n", stats.received(), stats.droppedKernel());
                System.out.printf("CPU: capture thread + detector ticker %.3f s in %.1f s = %.2f %% of one core%n",
                        cpu / 1e9, wall / 1e9, 100.0 * cpu / wall);
            } finally {
                detector.deactivate();
            }
        } finally {
            ChildProcess.deleteTree(dir);
        }
    }

    private static long cpu(java.lang.management.ThreadMXBean mx) {
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("teleop-capture")
                    || info.getThreadName().startsWith("teleop-network"))) {
                total += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }

    /** A built packet moved in time (and, for TCP, in sequence space), reused for every packet. */
    private static final class Shifted implements Packet {
        private BuiltPacket p;
        private long base;
        private long seqShift;

        void of(BuiltPacket packet, long baseNanos, long round) {
            this.p = packet;
            this.base = baseNanos;
            this.seqShift = round * 90L * 185;
        }

        @Override
        public long timestampNanos() {
            return p.timestampNanos() + base;
        }

        @Override
        public int ipVersion() {
            return p.ipVersion();
        }

        @Override
        public int transport() {
            return p.transport();
        }

        @Override
        public int srcPort() {
            return p.srcPort();
        }

        @Override
        public int dstPort() {
            return p.dstPort();
        }

        @Override
        public long tcpSeq() {
            return p.tcpSeq() + seqShift & 0xFFFF_FFFFL;
        }

        @Override
        public long tcpAck() {
            return p.tcpAck();
        }

        @Override
        public int tcpFlags() {
            return p.tcpFlags();
        }

        @Override
        public byte[] array() {
            return p.array();
        }

        @Override
        public int srcAddressOffset() {
            return p.srcAddressOffset();
        }

        @Override
        public int dstAddressOffset() {
            return p.dstAddressOffset();
        }

        @Override
        public int payloadOffset() {
            return p.payloadOffset();
        }

        @Override
        public int payloadLength() {
            return p.payloadLength();
        }

        @Override
        public int declaredPayloadLength() {
            return p.declaredPayloadLength();
        }

        @Override
        public int wireLength() {
            return p.wireLength();
        }

        @Override
        public InetAddress srcAddress() {
            return p.srcAddress();
        }

        @Override
        public InetAddress dstAddress() {
            return p.dstAddress();
        }
    }
}
