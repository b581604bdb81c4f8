package org.teleopmon.detector.webrtc.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.testsupport.GstRtpSender;
import org.teleopmon.testsupport.UdpSink;
import org.teleopmon.testsupport.NetNs;

/**
 * CPU share of monitoring a 30 fps, 2 Mbit/s video call, as a main run by
 * {@code benchmarks/run webrtc-live-call} (root, for the namespace and the capture): GStreamer sends VP8 RTP on
 * the {@code lo} of a private namespace, the capture bundle's libpcap capture feeds the detector,
 * and the CPU time of the capture thread (decode + detector) and of the detector's ticker is
 * divided by the wall time.
 */
public final class LiveCallBenchmark {

    private LiveCallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (NetNs ns = NetNs.create(); UdpSink sink = UdpSink.start(ns)) {
            WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
            detector.startTicking(100);
            try (Capture capture = Capture.loopback(detector, ns.path().toString())) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!capture.ready() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                GstRtpSender.Options options = GstRtpSender.Options.video("127.0.0.1", sink.port())
                        .withFrames(30 * seconds, 30).withPicture(1280, 720, 2_000_000);
                long cpu0 = cpu(mx);
                long t0 = System.nanoTime();
                DetectorSignal during;
                try (GstRtpSender sender = GstRtpSender.start(ns, options)) {
                    Thread.sleep(seconds * 500L);
                    during = detector.detect();
                    sender.awaitFinished(Duration.ofSeconds(seconds + 60));
                }
                long wall = System.nanoTime() - t0;
                long cpu = cpu(mx) - cpu0;
                CaptureStats stats = capture.stats();
                System.out.printf("call: %d s of %dx%d VP8 at %d fps; mid-call the detector saw %.1f fps, %.2f Mbit/s,"
                        + " %.2f %% loss%n", seconds, options.width(), options.height(), options.fps(),
                        during.measurement("fps"), during.measurement("bandwidth_mbps"),
                        during.measurement("packet_loss_percent"));
                System.out.printf("packets: %d datagrams to the sink, capture received %d, kernel drops %d%n",
                        sink.datagrams(), stats.received(), stats.droppedKernel());
                detector.deactivate();
                System.out.printf("CPU: capture thread + detector ticker %.3f s in %.1f s = %.2f %% of one core%n",
                        cpu / 1e9, wall / 1e9, 100.0 * cpu / wall);
            }
        }
    }

    /** CPU time of the capture thread (decoding and the detector) and the detector's ticker. */
    private static long cpu(ThreadMXBean mx) {
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("teleop-capture")
                    || info.getThreadName().startsWith("teleop-webrtc"))) {
                total += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }
}
