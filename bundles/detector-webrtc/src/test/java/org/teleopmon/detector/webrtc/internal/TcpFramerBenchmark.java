package org.teleopmon.detector.webrtc.internal;

import java.lang.management.ManagementFactory;

/**
 * Throughput of {@link TcpFramer} on one core, as a main run by {@code benchmarks/run tcp-framer}: a stream
 * of 3 300 frames (0.9 MB) of each framing cut into 1448-byte segments (as on Ethernet), fed
 * {@code args[0]} times (default 5000) after a warm-up.
 */
public final class TcpFramerBenchmark {

    private static final int MSS = 1448;

    private TcpFramerBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        measure("RFC 4571", new TcpFramerStreams(1).rfc4571Frames(3300).bytes(), rounds);
        measure("TURN", new TcpFramerStreams(2).turnFrames(3300).bytes(), rounds);
    }

    private static void measure(String name, byte[] wire, int rounds) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] frames = new long[1];
        TcpFramer.Sink sink = (buf, off, len) -> frames[0]++;
        feed(wire, rounds / 4, sink);
        frames[0] = 0;
        long allocated = mx.getCurrentThreadAllocatedBytes();
        long cpu = mx.getCurrentThreadCpuTime();
        long segments = feed(wire, rounds, sink);
        double seconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
        allocated = mx.getCurrentThreadAllocatedBytes() - allocated;
        System.out.printf("%s: %.0f segments/s, %.0f frames/s, %.0f Mbit/s on one core (CPU time), %.2f bytes allocated per segment%n",
                name, segments / seconds, frames[0] / seconds, (double) wire.length * rounds * 8 / seconds / 1e6,
                (double) allocated / segments);
    }

    /** The stream repeated {@code rounds} times back to back, as one long connection. */
    private static long feed(byte[] wire, int rounds, TcpFramer.Sink sink) {
        long segments = 0;
        TcpFramer framer = new TcpFramer(1500);
        try {
            return feed(framer, wire, rounds, sink);
        } finally {
            System.out.printf("  %d frames, %d malformed, %d resyncs, %d gaps%n", framer.frames(), framer.malformed(),
                    framer.resyncs(), framer.gaps());
        }
    }

    private static long feed(TcpFramer framer, byte[] wire, int rounds, TcpFramer.Sink sink) {
        long segments = 0;
        for (int r = 0; r < rounds; r++) {
            long seq = (long) r * wire.length;
            for (int off = 0; off < wire.length; off += MSS) {
                framer.segment(seq + off, wire, off, Math.min(MSS, wire.length - off), sink);
                segments++;
            }
        }
        return segments;
    }
}
