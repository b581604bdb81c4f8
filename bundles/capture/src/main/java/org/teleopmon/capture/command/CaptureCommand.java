package org.teleopmon.capture.command;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.CaptureStats;

/** {@code teleop:capture}: the capture's health and counters, or the replay of a capture file. */
@Service
@Command(scope = "teleop", name = "capture",
        description = "Shows packet capture health, interfaces, network namespace, kernel filter and counters; --replay feeds a pcap file to the detectors.")
public class CaptureCommand implements Action {

    @Reference
    CaptureService capture;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Option(name = "--replay", description = "A pcap or pcapng file to dispatch to the packet listeners as if captured")
    @Completion(FileCompleter.class)
    String replay;

    @Override
    public Object execute() throws Exception {
        PrintStream out = session.getConsole();
        if (replay != null) {
            long packets = capture.replay(Path.of(replay));
            out.println("Replayed " + packets + " packets from " + replay);
        }
        Health health = capture.health();
        CaptureStats stats = capture.stats();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("health", health.status());
        if (!health.message().isEmpty()) {
            table.addRow().addContent("problem", health.message());
        }
        table.addRow().addContent("interfaces", String.join(", ", stats.interfaces()));
        table.addRow().addContent("network namespace",
                stats.networkNamespace().isEmpty() ? "(the monitor's own)" : stats.networkNamespace());
        table.addRow().addContent("filter", stats.filter().isEmpty() ? "(no listener: not capturing)" : stats.filter());
        table.addRow().addContent("received", stats.received());
        table.addRow().addContent("dropped by kernel", stats.droppedKernel());
        table.addRow().addContent("dropped by interface", stats.droppedInterface());
        table.addRow().addContent("dispatched", stats.dispatched());
        table.addRow().addContent("undecodable", stats.undecodable());
        table.addRow().addContent("listener errors", stats.listenerErrors());
        table.print(out, !noFormat);
        return null;
    }
}
