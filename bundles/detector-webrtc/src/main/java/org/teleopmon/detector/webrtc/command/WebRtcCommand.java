package org.teleopmon.detector.webrtc.command;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.detector.webrtc.internal.CallRow;
import org.teleopmon.detector.webrtc.internal.CallSummary;
import org.teleopmon.detector.webrtc.internal.StreamRow;
import org.teleopmon.detector.webrtc.internal.WebRtcDetector;

/** {@code teleop:webrtc}: the WebRTC calls being sniffed, their streams and past calls. */
@Service
@Command(scope = "teleop", name = "webrtc", description = "Shows the WebRTC calls being sniffed, their media streams and ended calls")
public class WebRtcCommand implements Action {

    @Reference
    WebRtcDetector detector;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Option(name = "-s", aliases = "--streams", description = "List every media stream (SSRC) of the calls")
    boolean streams;

    @Option(name = "-H", aliases = "--history", description = "List ended calls, newest first")
    boolean history;

    @Option(name = "-m", aliases = "--measurements", description = "List every measurement")
    boolean measurements;

    @Override
    public Object execute() {
        DetectorSignal signal = detector.detect();
        System.out.printf("%s, confidence %d: %s%n", signal.active() ? "ACTIVE" : "idle", signal.confidence(),
                signal.reason());
        signal.operators().forEach(o -> System.out.printf("operator %s (%s, %s)%n", o.name(), o.id(), o.detail()));
        ShellTable calls = new ShellTable().emptyTableText("no WebRTC call up");
        for (String name : new String[] {"Call", "Kind", "Local", "Remote", "DTLS"}) {
            calls.column(name);
        }
        for (String name : new String[] {"Duration s", "RTT ms", "Out Mbit/s", "In Mbit/s", "Streams", "Flows", "Checks"}) {
            calls.column(name).alignRight();
        }
        for (CallRow r : detector.calls()) {
            calls.addRow().addContent(r.id(), r.kind(), r.local(), r.remote(), r.dtls(), f1(r.durationSeconds()),
                    f1(r.rttMs()), f2(r.outMbps()), f2(r.inMbps()), r.streams(), r.flows(), r.consentChecks());
        }
        calls.print(System.out, !noFormat);
        if (streams) {
            printStreams();
        }
        if (history) {
            printHistory();
        }
        if (measurements) {
            Map<String, Double> sorted = new TreeMap<>(signal.measurements());
            sorted.forEach((k, v) -> System.out.printf("%s = %s%n", k, v));
        }
        return null;
    }

    private void printStreams() {
        ShellTable table = new ShellTable().emptyTableText("no media streams");
        table.column("Call");
        table.column("SSRC").alignRight();
        table.column("Kind");
        table.column("Dir");
        for (String name : new String[] {"PT", "Clock", "Packets", "Frames", "FPS", "kbit/s", "Lost", "Loss %",
            "Jitter ms", "Reordered", "Other PT"}) {
            table.column(name).alignRight();
        }
        for (StreamRow r : detector.streams()) {
            table.addRow().addContent(r.call(), r.ssrc(), r.kind(), r.direction(), r.payloadType(), r.clockRate(),
                    r.packets(), r.frames(), f1(r.fps()), f1(r.kbps()), r.lost(), f2(r.lossPercent()),
                    f2(r.jitterMs()), r.reordered(), r.otherPayloadTypePackets());
        }
        table.print(System.out, !noFormat);
    }

    private void printHistory() {
        ShellTable table = new ShellTable().emptyTableText("no ended calls");
        for (String name : new String[] {"Call", "Kind", "Remote", "Start", "DTLS"}) {
            table.column(name);
        }
        for (String name : new String[] {"Duration s", "MB out", "MB in", "RTT ms", "Frames", "Loss %"}) {
            table.column(name).alignRight();
        }
        for (CallSummary s : detector.history()) {
            table.addRow().addContent(s.id(), s.kind(), s.remote(), s.start(), s.dtls(), f1(s.durationSeconds()),
                    f2(s.bytesOut() / 1e6), f2(s.bytesIn() / 1e6), f1(s.rttMillis()), s.videoFrames(),
                    f2(s.lossPercent()));
        }
        table.print(System.out, !noFormat);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }
}
