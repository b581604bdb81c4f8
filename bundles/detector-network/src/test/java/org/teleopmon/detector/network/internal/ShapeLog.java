package org.teleopmon.detector.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the classifier saw of each flow while a live test ran, for the never-false tests' reports and
 * docs/detector-network.md: every 100 ms (the detector's tick) each direction's window is read as the
 * classifier reads it (socket-table flows from their third reading, as the classifier does), and its peak
 * message rate (with the jitter, size and answered share at that moment) and its peak bitrate are kept.
 * Unclassified flows carry no evidence of their own; this is it.
 */
final class ShapeLog implements AutoCloseable {

    /** One direction's extremes. */
    static final class Peak {
        double rate;
        String atRate = "";
        double mbps;
        String atMbps = "";
        String latestClass = "-";
    }

    private final NetworkDetector detector;
    private final ScheduledExecutorService sampler;
    private final Map<String, Peak> peaks = new TreeMap<>();
    private final DirectionStats.Window up = new DirectionStats.Window();
    private final DirectionStats.Window down = new DirectionStats.Window();

    private ShapeLog(NetworkDetector detector) {
        this.detector = detector;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shape-log");
            t.setDaemon(true);
            return t;
        });
    }

    static ShapeLog start(NetworkDetector detector) {
        ShapeLog log = new ShapeLog(detector);
        log.sampler.scheduleAtFixedRate(log::sample, 100, 100, TimeUnit.MILLISECONDS);
        return log;
    }

    private void sample() {
        NetworkTraffic traffic = detector.traffic();
        synchronized (traffic) {
            long now = detector.now();
            long bucket = traffic.settings.bucketNanos();
            for (Flow f : traffic.flows.all()) {
                for (int side : new int[] {Flow.SIDE_A, Flow.SIDE_B}) {
                    f.from(side).window(now, bucket, up.clear());
                    f.from(Flow.other(side)).window(now, bucket, down.clear());
                    String key = String.format(Locale.ROOT, "%s %s %s -> %s", f.source.name().toLowerCase(Locale.ROOT),
                            f.protocolLabel(), f.endpoint(side), f.endpoint(Flow.other(side)));
                    Peak p = peaks.computeIfAbsent(key, k -> new Peak());
                    boolean kernel = f.source == Flow.Source.KERNEL;
                    if (kernel && up.polls < 3) {
                        // A connection's first readings carry no rate the classifier may use (its jitter is NaN).
                        continue;
                    }
                    double rate = up.messages == 0 ? 0 : up.messageRate();
                    double jitter = kernel ? up.pollJitter : up.messageJitter;
                    if (rate > p.rate) {
                        p.rate = rate;
                        p.atRate = String.format(Locale.ROOT, "%.1f msg/s (jitter %.0f %%, %.0f B/msg, %.0f %% answered)",
                                rate, 100 * jitter, up.meanMessageBytes(), 100.0 * down.messages / up.messages);
                    }
                    if (up.mbps() > p.mbps) {
                        p.mbps = up.mbps();
                        p.atMbps = kernel
                                ? String.format(Locale.ROOT, "%.2f Mbit/s (%.0f B/segment, reading jitter %.0f %%, "
                                        + "send queue busy at %d of %d readings)", p.mbps, up.meanPacketBytes(),
                                        100 * up.pollJitter, up.busyPolls, up.polls)
                                : String.format(Locale.ROOT, "%.2f Mbit/s (%.0f B/packet, %.1f bursts/s, burst jitter %.0f %%)",
                                        p.mbps, up.meanPacketBytes(), up.burstRate(), 100 * up.burstJitter);
                    }
                    if (f.flowClass != FlowClass.NONE && f.classSender() == side) {
                        p.latestClass = f.flowClass.label();
                    }
                }
            }
        }
    }

    /** One line per flow direction that carried anything: its peak rate and peak bitrate. */
    synchronized List<String> report() {
        List<String> lines = new ArrayList<>();
        synchronized (detector.traffic()) {
            peaks.forEach((key, p) -> {
                if (p.rate > 0 || p.mbps > 0) {
                    lines.add(key + ": peak " + p.atRate + "; peak " + p.atMbps + "; classed " + p.latestClass);
                }
            });
        }
        return lines;
    }

    /** Prints the report to the test's output with a title. */
    void print(String title) {
        System.out.println("== " + title + ": what the network detector saw");
        report().forEach(l -> System.out.println("   " + l));
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
