package org.teleopmon.sockets.command;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.Health;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.TcpInfo;
import org.teleopmon.sockets.internal.SocketsComponent;

/** {@code teleop:sockets}: the socket table's health and the sockets the detectors watch, or any port's. */
@Service
@Command(scope = "teleop", name = "sockets",
        description = "Shows the kernel socket table as the detectors see it (state, RTT, retransmissions, counters, "
                + "owning process); --port or --all reads the kernel now for other sockets.")
public class SocketsCommand implements Action {

    @Reference
    SocketsComponent table;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Option(name = "--port", description = "Read the kernel now for sockets with this local or remote port",
            multiValued = true)
    @Completion(PortCompleter.class)
    List<Integer> ports;

    @Option(name = "--all", description = "Read the kernel now for every TCP and UDP socket")
    boolean all;

    @Override
    public Object execute() throws Exception {
        PrintStream out = session.getConsole();
        Health health = table.health();
        out.println("health: " + health.status() + (health.message().isEmpty() ? "" : " - " + health.message()));
        out.println("polls: " + table.pollStats());
        table.listeners().forEach(l -> out.println("listener: " + l));
        SocketSnapshot snapshot;
        if (all) {
            snapshot = table.read(SocketInterest.all(Protocol.TCP, Protocol.UDP));
        } else if (ports != null && !ports.isEmpty()) {
            snapshot = table.read(new SocketInterest(EnumSet.allOf(Protocol.class), Set.copyOf(ports),
                    Set.copyOf(ports), false));
        } else {
            snapshot = table.snapshot();
        }
        ShellTable shell = new ShellTable();
        shell.emptyTableText("no sockets (no listener asks for any; try --all)");
        for (String column : List.of("Proto", "Local", "Remote", "State", "RTT ms", "RTT var ms", "Retrans",
                "Data segs in/out", "Bytes in/out", "Owner")) {
            shell.column(column);
        }
        for (SocketEntry s : snapshot.sockets()) {
            TcpInfo tcp = s.tcp();
            String[] ends = s.endpoints().split(" -> ");
            shell.addRow().addContent(s.protocol(), ends[0], ends[1], s.state(),
                    tcp == null ? "" : millis(tcp.rttMicros()), tcp == null ? "" : millis(tcp.rttVarianceMicros()),
                    tcp == null ? "" : tcp.totalRetransmits(),
                    tcp == null ? "" : tcp.dataSegmentsIn() + "/" + tcp.dataSegmentsOut(),
                    tcp == null ? "" : tcp.bytesReceived() + "/" + tcp.bytesSent(),
                    s.owner() == null ? "" : s.owner().command() + " (" + s.owner().pid() + ")");
        }
        shell.print(out, !noFormat);
        return null;
    }

    private static String millis(long micros) {
        return micros < 0 ? "?" : String.format("%.3f", micros / 1000.0);
    }
}
