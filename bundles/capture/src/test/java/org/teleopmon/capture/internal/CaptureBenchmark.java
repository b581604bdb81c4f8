package org.teleopmon.capture.internal;

import static org.teleopmon.testsupport.Frames.*;

import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;

/**
 * Measures the capture's cost; a main run by {@code benchmarks/run capture}, not a timed test.
 * Part 1: decode + dispatch of built frames on this thread (ns and bytes allocated per packet).
 * Part 2: live capture on lo of UDP datagrams this process sends (needs root or CAP_NET_RAW):
 * capture thread CPU per packet, packets per second per core, kernel drops.
 */
public final class CaptureBenchmark {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CaptureBenchmark() {
    }

    /** Reads what a detector reads, so the JIT cannot drop the work. */
    static final class Sink implements PacketListener {
        private final CaptureInterest interest;
        long sum;

        Sink(CaptureInterest interest) {
            this.interest = interest;
        }

        @Override
        public CaptureInterest interest() {
            return interest;
        }

        @Override
        public void onPacket(Packet p) {
            sum += p.srcPort() + p.payloadLength() + p.array()[p.payloadOffset()] + p.tcpSeq();
        }
    }

    public static void main(String[] args) throws Exception {
        decodeAndDispatch(args.length > 0 ? Integer.parseInt(args[0]) : 20_000_000);
        int datagrams = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int batchMillis = args.length > 3 ? Integer.parseInt(args[3]) : CaptureSettings.DEFAULTS.batchMillis();
        live(datagrams, perSecond, batchMillis);
    }

    static void decodeAndDispatch(int iterations) {
        byte[] command = ethernet(0x0800, ipv4(6, tcp(40000, 5555, 1, 2, Packet.TCP_PSH | Packet.TCP_ACK,
                new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, new byte[300])));
        byte[] observation = ethernet(0x86DD, ipv6(6, new byte[0], tcp(5556, 40001, 1, 2, Packet.TCP_ACK,
                new byte[0], new byte[1428])));
        byte[] other = ethernet(0x0800, ipv4(17, udp(5353, 5353, new byte[100])));
        byte[][] frames = {command, observation, command, other};
        Dispatcher dispatcher = new Dispatcher();
        Sink zmq = new Sink(new CaptureInterest(Set.of(5555, 5556), Set.of(), false));
        Sink webrtc = new Sink(new CaptureInterest(Set.of(), Set.of(3478), true));
        dispatcher.add(zmq, zmq.interest());
        dispatcher.add(webrtc, webrtc.interest());
        PacketDecoder decoder = new PacketDecoder();
        run(dispatcher, decoder, frames, iterations / 4); // warm-up
        long thread = Thread.currentThread().getId();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        run(dispatcher, decoder, frames, iterations);
        long nanos = System.nanoTime() - start;
        allocated = THREADS.getThreadAllocatedBytes(thread) - allocated;
        System.out.printf("decode+dispatch: %d packets, %.1f ns/packet, %.0f packets/s on one core, "
                + "%.4f bytes allocated/packet (checksum %d)%n", iterations, (double) nanos / iterations,
                iterations * 1e9 / nanos, (double) allocated / iterations, zmq.sum + webrtc.sum);
    }

    private static void run(Dispatcher dispatcher, PacketDecoder decoder, byte[][] frames, int iterations) {
        for (int i = 0; i < iterations; i++) {
            byte[] frame = frames[i & 3];
            if (decoder.decode(frame, frame.length, frame.length, LinkLayer.ETHERNET, i)) {
                dispatcher.dispatch(decoder.packet());
            }
        }
    }

    /** Sends {@code datagrams} at {@code perSecond} (0: as fast as possible) and captures them. */
    static void live(int datagrams, int perSecond, int batchMillis) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, Traffic.LOOPBACK)) {
            port = probe.getLocalPort();
        }
        Sink sink = new Sink(new CaptureInterest(Set.of(), Set.of(port), false));
        try (Capture capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo"))
                .withBatchMillis(batchMillis))) {
            capture.start();
            capture.add(sink);
            while (!capture.stats().interfaces().contains("lo")) {
                Thread.onSpinWait();
            }
            Thread captureThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("teleop-capture")).findFirst().orElseThrow();
            long cpu = THREADS.getThreadCpuTime(captureThread.getId());
            long allocated = THREADS.getThreadAllocatedBytes(captureThread.getId());
            long start = System.nanoTime();
            byte[] payload = new byte[300];
            try (DatagramSocket socket = new DatagramSocket(0, Traffic.LOOPBACK)) {
                DatagramPacket packet = new DatagramPacket(payload, payload.length, new InetSocketAddress(Traffic.LOOPBACK, port));
                long gap = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
                long next = System.nanoTime();
                for (int i = 0; i < datagrams; i++) {
                    socket.send(packet);
                    next += gap;
                    while (gap > 0 && System.nanoTime() < next) {
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (capture.stats().received() < datagrams && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long wall = System.nanoTime() - start;
            long sendNanos = perSecond == 0 ? wall : datagrams * 1_000_000_000L / perSecond;
            cpu = THREADS.getThreadCpuTime(captureThread.getId()) - cpu;
            allocated = THREADS.getThreadAllocatedBytes(captureThread.getId()) - allocated;
            Thread.sleep(1500); // one kernel statistics refresh
            var stats = capture.stats();
            System.out.printf("live lo (%s, batch %d ms): sent %d, received %d, kernel drops %d, dispatched %d in %.2f s wall; "
                    + "capture thread %.0f ns CPU/packet = %.0f packets/s per core, %.2f %% of a core while sending; "
                    + "%.2f bytes allocated/packet (%d bytes in all)%n",
                    perSecond == 0 ? "flood" : perSecond + "/s", batchMillis, datagrams, stats.received(), stats.droppedKernel(), stats.dispatched(), wall / 1e9,
                    (double) cpu / stats.received(), stats.received() * 1e9 / cpu, 100.0 * cpu / sendNanos,
                    (double) allocated / stats.received(), allocated);
        }
    }
}
