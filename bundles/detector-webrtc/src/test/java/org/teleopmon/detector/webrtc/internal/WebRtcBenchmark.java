package org.teleopmon.detector.webrtc.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures, as a documented main (see docs/detector-webrtc.md for the command): the per-packet cost
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
        List<CopiedPacket> packets = Recording.udp(file);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long classifyNanos = 0;
        long pathNanos = 0;
        long allocated = 0;
        long measured = 0;
        int sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (CopiedPacket p : packets) {
                sink += Demux.classify(p.array(), p.payloadOffset(), p.payloadLength(), p.declaredPayloadLength())
                        .ordinal();
            }
            long t1 = System.nanoTime();
            WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t2 = System.nanoTime();
            for (CopiedPacket p : packets) {
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
    }
}
