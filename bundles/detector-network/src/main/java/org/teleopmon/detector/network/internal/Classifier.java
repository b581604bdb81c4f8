package org.teleopmon.detector.network.internal;

import java.util.Locale;

/**
 * Gives each flow its {@link FlowClass} from its window's shape, with the figures that decided it as its
 * evidence. Runs on the tick under the detector's lock; the two windows are reused.
 */
final class Classifier {

    private static final int[] SIDES = {Flow.SIDE_A, Flow.SIDE_B};

    private final NetworkSettings s;
    private final DirectionStats.Window up = new DirectionStats.Window();
    private final DirectionStats.Window down = new DirectionStats.Window();

    Classifier(NetworkSettings settings) {
        this.s = settings;
    }

    /** Classifies {@code f} at {@code now}; returns whether its class changed. */
    boolean classify(Flow f, long now) {
        FlowClass before = f.flowClass;
        boolean beforeAb = f.classAb;
        f.flowClass = FlowClass.NONE;
        f.classRateHz = Double.NaN;
        f.evidence = "";
        long bucket = s.bucketNanos();
        f.ab.window(now, bucket, up.clear());
        f.ba.window(now, bucket, down.clear());
        f.mbps = up.mbps() + down.mbps();
        switch (f.kind) {
            case VR -> vr(f, now);
            case WEB -> web(f, now);
            default -> {
                if (!f.closed() && !f.groupcast) {
                    shape(f, now);
                }
            }
        }
        if (f.flowClass != before || f.classAb != beforeAb) {
            f.classSince = now;
            return true;
        }
        return false;
    }

    /** XLeVR: small TLS records from the headset at a steady 60-120 Hz, little coming back. */
    private void vr(Flow f, long now) {
        int client = f.clientSide();
        fill(f, client, now);
        if (f.tlsAb == null || !(f.tlsAb.seen() || f.tlsBa.seen())) {
            return;
        }
        double rate = up.messageRate();
        double recordBytes = up.meanMessageBytes();
        f.evidence = String.format(Locale.ROOT,
                "vr: TLS to %s from %s, %.1f records/s up (jitter %.0f %%), %.0f B/record, %.3f Mbit/s down",
                f.endpoint(Flow.other(client)), f.endpoint(client), rate, 100 * up.messageJitter, recordBytes,
                down.mbps());
        boolean fresh = now - f.from(client).lastMessageNanos <= s.silenceNanos() && up.messages > 0;
        boolean steady = !Double.isNaN(up.messageJitter) && up.messageJitter <= s.vr().maxJitter();
        if (fresh && !f.closing() && rate >= s.vr().minHz() && rate <= s.vr().maxHz() && steady
                && recordBytes <= s.vr().maxRecordBytes() && down.mbps() <= s.vr().maxDownstreamMbps()) {
            set(f, FlowClass.VR, client, rate);
            f.wasSession = true;
        }
    }

    /** web_control: Socket.IO over WebSocket with command events from the browser. */
    private void web(Flow f, long now) {
        WebControl w = f.web;
        if (w == null || !w.webSocket()) {
            return;
        }
        int client = f.clientSide();
        DirectionStats.Window commands = up.clear();
        w.commands.window(now, s.bucketNanos(), commands);
        double rate = commands.messageRate();
        f.evidence = String.format(Locale.ROOT,
                "web_control: Socket.IO over WebSocket to %s from %s (%s%s), %.1f command events/s, %d commands, "
                        + "%d pings, %d pongs, %d other events",
                f.endpoint(Flow.other(client)), f.endpoint(client), w.joined ? "joined mid-connection" : w.target,
                w.deflate ? ", permessage-deflate" : "", rate, w.commandsTotal, w.pings, w.pongs, w.events);
        boolean fresh = commands.messages > 0 && now - w.commands.lastMessageNanos <= s.silenceNanos();
        if (fresh && !f.closing()) {
            set(f, FlowClass.WEB_CONTROL, client, rate);
            f.wasSession = true;
        }
    }

    /** Video or control by shape alone, on any port. */
    private void shape(Flow f, long now) {
        for (int side : SIDES) {
            fill(f, side, now);
            if (video(f, side)) {
                return;
            }
        }
        for (int side : SIDES) {
            fill(f, side, now);
            if (control(f, side, now)) {
                return;
            }
        }
    }

    private boolean video(Flow f, int sender) {
        double mbps = up.mbps();
        double packetBytes = up.meanPacketBytes();
        if (mbps < s.video().minMbps() || packetBytes < s.video().minPacketBytes()) {
            return false;
        }
        String proto = f.protocolLabel();
        if (f.source == Flow.Source.KERNEL) {
            // No packet times from the kernel: an application-limited steady bitrate is the shape.
            boolean steady = up.polls >= 3 && !Double.isNaN(up.pollJitter) && up.pollJitter <= s.video().maxJitter();
            if (!steady || up.busyPolls * 2 > up.polls) {
                return false;
            }
            set(f, FlowClass.VIDEO, sender, Double.NaN);
            f.evidence = String.format(Locale.ROOT, "video: %s %s -> %s, %.2f Mbit/s steady (socket table), %.0f B/segment",
                    proto, f.endpoint(sender), f.endpoint(Flow.other(sender)), mbps, packetBytes);
            return true;
        }
        double fps = up.burstRate();
        boolean framed = fps >= s.video().minFps() && fps <= s.video().maxFps() && !Double.isNaN(up.burstJitter)
                && up.burstJitter <= s.video().maxJitter();
        if (!framed) {
            return false;
        }
        set(f, FlowClass.VIDEO, sender, fps);
        f.evidence = String.format(Locale.ROOT,
                "video: %s %s -> %s, %.2f Mbit/s, %.1f frames/s (burst jitter %.0f %%), %.0f B/packet", proto,
                f.endpoint(sender), f.endpoint(Flow.other(sender)), mbps, fps, 100 * up.burstJitter, packetBytes);
        return true;
    }

    private boolean control(Flow f, int sender, long now) {
        if (up.messages == 0 || now - f.from(sender).lastMessageNanos > s.silenceNanos()) {
            return false;
        }
        double rate = up.messageRate();
        double bytes = up.meanMessageBytes();
        double jitter = f.source == Flow.Source.KERNEL ? up.pollJitter : up.messageJitter;
        double replies = (double) down.messages / up.messages;
        boolean shaped = rate >= s.control().minHz() && rate <= s.control().maxHz() && bytes <= s.control().maxPacketBytes()
                && !Double.isNaN(jitter) && jitter <= s.control().maxJitter() && replies <= s.control().maxReplyShare();
        if (!shaped) {
            return false;
        }
        set(f, FlowClass.CONTROL, sender, rate);
        f.evidence = String.format(Locale.ROOT,
                "control: %s %s -> %s, %.1f msg/s (jitter %.0f %%%s), %.0f B/msg, %.0f %% answered",
                f.protocolLabel(), f.endpoint(sender), f.endpoint(Flow.other(sender)), rate, 100 * jitter,
                f.source == Flow.Source.KERNEL ? " per socket-table reading" : "", bytes, 100 * replies);
        return true;
    }

    /** Fills {@code up} with what {@code sender} sent and {@code down} with the other side's. */
    private void fill(Flow f, int sender, long now) {
        f.from(sender).window(now, s.bucketNanos(), up.clear());
        f.from(Flow.other(sender)).window(now, s.bucketNanos(), down.clear());
    }

    private static void set(Flow f, FlowClass c, int sender, double rate) {
        f.flowClass = c;
        f.classAb = sender == Flow.SIDE_A;
        f.classRateHz = rate;
    }
}
