package org.teleopmon.detector.zmq.command;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.detector.zmq.internal.ConnectionRow;
import org.teleopmon.detector.zmq.internal.ZmqDetector;

/** {@code teleop:zmq}: the ZMQ detector's connections, rates and verdict. */
@Service
@Command(scope = "teleop", name = "zmq", description = "Shows the ZMQ connections being sniffed, their rates and the verdict")
public class ZmqCommand implements Action {

    @Reference
    ZmqDetector detector;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Option(name = "-m", aliases = "--measurements", description = "List every measurement")
    boolean measurements;

    @Override
    public Object execute() {
        DetectorSignal signal = detector.detect();
        System.out.printf("%s, confidence %d, robot %s: %s%n", signal.active() ? "ACTIVE" : "idle",
                signal.confidence(), signal.robotType(), signal.reason());
        signal.operators().forEach(o -> System.out.printf("operator %s (%s, %s)%n", o.name(), o.id(), o.detail()));
        System.out.printf("commands %.1f Hz, observations %.1f Hz, %.2f Mbit/s, malformed %d%n",
                signal.measurement("command_rate_hz"), signal.measurement("observation_rate_hz"),
                signal.measurement("bandwidth_mbps"), (long) signal.measurement("malformed_total"));
        ShellTable table = new ShellTable().emptyTableText("no ZMQ connections seen");
        table.column("Client");
        table.column("Port").alignRight();
        table.column("Role");
        table.column("Handshake");
        table.column("Msgs to robot").alignRight();
        table.column("Bytes to robot").alignRight();
        table.column("Msgs from robot").alignRight();
        table.column("Bytes from robot").alignRight();
        table.column("Malformed").alignRight();
        table.column("Lost bytes").alignRight();
        table.column("Idle ms").alignRight();
        table.column("Operator id");
        for (ConnectionRow r : detector.connections()) {
            table.addRow().addContent(r.client(), r.port(), r.role(), r.handshake(), r.messagesToRobot(),
                    r.bytesToRobot(), r.messagesFromRobot(), r.bytesFromRobot(), r.malformed(), r.lostBytes(),
                    r.idleMs(), r.operatorId());
        }
        table.print(System.out, !noFormat);
        if (measurements) {
            Map<String, Double> sorted = new TreeMap<>(signal.measurements());
            sorted.forEach((k, v) -> System.out.printf("%s = %s%n", k, v));
        }
        return null;
    }
}
