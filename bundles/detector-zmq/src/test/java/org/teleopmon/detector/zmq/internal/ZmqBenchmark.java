package org.teleopmon.detector.zmq.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.simulator.internal.Simulation;
import org.teleopmon.simulator.internal.SimulationOptions;
import org.teleopmon.testsupport.FreePort;
import org.teleopmon.testsupport.BuiltPacket;

/**
 * Measures, as a main run by {@code benchmarks/run zmq} (figures in docs/benchmarks.md):
 * <ol>
 * <li>detector throughput on built packets of a LeKiwi session (1448-byte segments, as on Ethernet):
 * packets/s, Mbit/s on one core, bytes allocated per packet;</li>
 * <li>capture + detector CPU share of one core during a real 30 Hz session with 2 cameras on
 * {@code lo}, and the kernel drops.</li>
 * </ol>
 */
public final class ZmqBenchmark {

    private static final int MSS = 1448;

    private ZmqBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        throughput(Integer.parseInt(args.length > 0 ? args[0] : "20"));
        session(Duration.ofSeconds(Long.parseLong(args.length > 1 ? args[1] : "30")));
    }

    private static void throughput(int rounds) {
        ZmqDetector detector = new ZmqDetector(ZmqSettings.defaults(5555, 5556), Clock.systemUTC());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long packets = 0;
        long bytes = 0;
        long nanos = 0;
        long allocated = 0;
        for (int round = 0; round < rounds; round++) {
            List<Packet> session = session(40000 + round, 300);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (Packet p : session) {
                detector.onPacket(p);
            }
            long t = System.nanoTime() - t0;
            long a = mx.getCurrentThreadAllocatedBytes() - a0;
            if (round >= rounds / 4) {
                packets += session.size();
                bytes += session.stream().mapToLong(Packet::wireLength).sum();
                nanos += t;
                allocated += a;
            }
        }
        System.out.printf("throughput: %d packets, %.0f packets/s, %.0f Mbit/s on one core, %.1f bytes allocated/packet,"
                + " commands seen %d%n", packets, packets * 1e9 / nanos, bytes * 8e3 / nanos, (double) allocated / packets,
                (long) detector.detect().measurement("commands_total"));
    }

    /** A command and an observation connection carrying {@code messages} of each, in MSS segments. */
    private static List<Packet> session(int clientPort, int messages) {
        List<Packet> packets = new ArrayList<>();
        byte[] command = Zmtp.stream().json(Zmtp.lekiwiCommand(0.2, null)).bytes();
        byte[] observation = Zmtp.stream().message(Zmtp.multipartHeader().getBytes(StandardCharsets.UTF_8),
                Zmtp.jpeg(66_000), Zmtp.jpeg(66_000)).bytes();
        long t = System.currentTimeMillis() * 1_000_000;
        long[] seq = {1000, 9000};
        packets.add(BuiltPacket.tcp(t, "10.0.0.7", clientPort, "10.0.0.2", 5555, seq[0]++, Packet.TCP_SYN, new byte[0], 0, 0));
        packets.add(BuiltPacket.tcp(t, "10.0.0.2", 5556, "10.0.0.7", clientPort + 1, seq[1]++, Packet.TCP_SYN,
                new byte[0], 0, 0));
        segments(packets, t, "10.0.0.7", clientPort, "10.0.0.2", 5555, seq, 0,
                Zmtp.stream().greeting("NULL").ready("PUSH").bytes());
        segments(packets, t, "10.0.0.2", 5556, "10.0.0.7", clientPort + 1, seq, 1,
                Zmtp.stream().greeting("NULL").ready("PUSH").bytes());
        for (int i = 0; i < messages; i++) {
            long at = t + i * 33_333_333L;
            segments(packets, at, "10.0.0.7", clientPort, "10.0.0.2", 5555, seq, 0, command);
            segments(packets, at, "10.0.0.2", 5556, "10.0.0.7", clientPort + 1, seq, 1, observation);
        }
        packets.add(BuiltPacket.tcp(t, "10.0.0.7", clientPort, "10.0.0.2", 5555, seq[0], Packet.TCP_FIN, new byte[0], 0, 0));
        packets.add(BuiltPacket.tcp(t, "10.0.0.2", 5556, "10.0.0.7", clientPort + 1, seq[1], Packet.TCP_FIN,
                new byte[0], 0, 0));
        return packets;
    }

    private static void segments(List<Packet> packets, long t, String src, int srcPort, String dst, int dstPort,
            long[] seq, int which, byte[] bytes) {
        for (int off = 0; off < bytes.length; off += MSS) {
            int n = Math.min(MSS, bytes.length - off);
            packets.add(BuiltPacket.tcp(t, src, srcPort, dst, dstPort, seq[which], Packet.TCP_ACK, bytes, off, n));
            seq[which] += n;
        }
    }

    private static void session(Duration duration) throws Exception {
        int commandPort = FreePort.next();
        int observationPort = FreePort.next();
        ZmqDetector detector = new ZmqDetector(ZmqSettings.defaults(commandPort, observationPort), Clock.systemUTC());
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Capture capture = Capture.loopback(detector)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!capture.stats().filter().contains(Integer.toString(commandPort)) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            SimulationOptions options = SimulationOptions.defaults("lekiwi").withPorts(commandPort, observationPort)
                    .withDuration(duration);
            long cpu0 = captureCpu(mx);
            long t0 = System.nanoTime();
            try (Simulation simulation = Simulation.start(options)) {
                simulation.awaitDone(duration.plusSeconds(30));
                long wall = System.nanoTime() - t0;
                long cpu = captureCpu(mx) - cpu0;
                CaptureStats stats = capture.stats();
                Simulation.Stats sent = simulation.stats();
                System.out.printf("session: %.1f s, %d commands and %d observations sent; detector counted %d and %d;"
                        + " capture thread CPU %.3f s = %.2f %% of one core; packets received %d, kernel drops %d,"
                        + " interface drops %d%n", wall / 1e9, sent.commandsSent(), sent.observationsSent(),
                        (long) detector.detect().measurement("commands_total"),
                        (long) detector.detect().measurement("observations_total"), cpu / 1e9, 100.0 * cpu / wall,
                        stats.received(), stats.droppedKernel(), stats.droppedInterface());
            }
        }
    }

    /** CPU time of the capture thread, which decodes and runs the detector. */
    private static long captureCpu(java.lang.management.ThreadMXBean mx) {
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("teleop-capture")) {
                total += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }
}
