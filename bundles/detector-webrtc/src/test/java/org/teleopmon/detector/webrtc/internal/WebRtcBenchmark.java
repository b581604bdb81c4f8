package org.teleopmon.detector.webrtc.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import org.teleopmon.testsupport.BuiltPacket;

/**
 * Measures, as a main run by {@code benchmarks/run webrtc} (figures in docs/benchmarks.md): the per-packet cost
 * of classification alone and of the whole detector path (classification, flow lookup, STUN/DTLS/RTP
 * bookkeeping, signal pushes) over a recorded Chromium call, with the bytes allocated per packet.
 * The CPU share during a live call is measured by {@code LiveCallBenchmark}.
 */
public final class WebRtcBenchmark {

    private WebRtcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources/pcap/chromium-call.pcap");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        List<BuiltPacket> packets = Recording.udp(file);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long classifyNanos = 0;
        long pathNanos = 0;
        long allocated = 0;
        long measured = 0;
        int sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (BuiltPacket p : packets) {
                sink += Demux.classify(p.array(), p.payloadOffset(), p.payloadLength(), p.declaredPayloadLength())
                        .ordinal();
            }
            long t1 = System.nanoTime();
            WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t2 = System.nanoTime();
            for (BuiltPacket p : packets) {
                detector.onPacket(p);
            }
            long t3 = System.nanoTime();
            long a = mx.getCurrentThreadAllocatedBytes() - a0;
            detector.deactivate();
            if (round >= rounds / 4) {
                classifyNanos += t1 - t0;
                pathNanos += t3 - t2;
                allocated += a;
                measured += packets.size();
            }
        }
        System.out.printf("%s: %d UDP packets per call, %d calls measured%n", file, packets.size(),
                measured / packets.size());
        System.out.printf("classify only: %.1f ns/packet%n", (double) classifyNanos / measured);
        System.out.printf("detector path: %.1f ns/packet, %.1f bytes allocated/packet (includes creating the call's"
                + " flows, streams and signals once per call)%n", (double) pathNanos / measured,
                (double) allocated / measured);
        System.out.println(sink == 42 ? "" : " ");
        steadyState(args.length > 2 ? Integer.parseInt(args[2]) : 300);
    }

    /**
     * One long call in steady state: 30 fps video at 2 Mbit/s (about 250 packets/s of 1 000 bytes,
     * 8 per frame) plus 50 audio packets/s, on one flow, through one detector with its ticker's work
     * (expiry, call grouping) every 100 ms of capture time.
     */
    private static void steadyState(int seconds) {
        List<BuiltPacket> packets = new java.util.ArrayList<>();
        long t0 = System.currentTimeMillis() * 1_000_000L;
        int videoSequence = 0;
        int audioSequence = 0;
        for (int frame = 0; frame < 30 * seconds; frame++) {
            long at = t0 + frame * 33_333_333L;
            for (int i = 0; i < 8; i++) {
                byte[] rtp = Wire.rtp(96, i == 7, videoSequence++ & 0xFFFF, frame * 3000L, 0x1111, 1000);
                packets.add(BuiltPacket.udpSnapped(at + i * 100_000L, "192.168.1.20", 50000, "192.168.1.77", 60000, rtp, 32));
            }
            if (frame % 3 == 0) {
                for (int a = 0; a < 5; a++) {
                    byte[] opus = Wire.rtp(111, false, audioSequence++ & 0xFFFF, audioSequence * 960L, 0x2222, 80);
                    packets.add(BuiltPacket.udpSnapped(at + a * 20_000_000L, "192.168.1.20", 50000, "192.168.1.77", 60000,
                            opus, 32));
                }
            }
        }
        packets.sort(java.util.Comparator.comparingLong(BuiltPacket::timestampNanos));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
        int warm = packets.size() / 4;
        long nextTick = packets.get(0).timestampNanos();
        long[] packetCost = new long[2];
        long[] tickCost = new long[3];
        for (int i = 0; i < packets.size(); i++) {
            boolean measure = i >= warm;
            BuiltPacket p = packets.get(i);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long c0 = System.nanoTime();
            detector.onPacket(p);
            long c1 = System.nanoTime();
            long a1 = mx.getCurrentThreadAllocatedBytes();
            if (measure) {
                packetCost[0] += c1 - c0;
                packetCost[1] += a1 - a0;
            }
            if (p.timestampNanos() >= nextTick) {
                detector.tick();
                nextTick += 100_000_000L;
                if (measure) {
                    tickCost[0] += System.nanoTime() - c1;
                    tickCost[1] += mx.getCurrentThreadAllocatedBytes() - a1;
                    tickCost[2]++;
                }
            }
        }
        int measured = packets.size() - warm;
        double perSecond = packets.size() / (double) seconds;
        double coreShare = (packetCost[0] + tickCost[0]) / (seconds * 0.75 * 1e9);
        System.out.printf("steady state, %d packets (%.0f/s of capture time): %.1f ns and %.2f bytes allocated per"
                + " packet; %d ticks of %.1f us and %.0f bytes each; detector total %.4f %% of one core; fps %.1f%n",
                measured, perSecond, (double) packetCost[0] / measured, (double) packetCost[1] / measured, tickCost[2],
                tickCost[0] / 1e3 / tickCost[2], (double) tickCost[1] / tickCost[2], 100.0 * coreShare,
                detector.detect().measurement("fps"));
        detector.deactivate();
    }
}
