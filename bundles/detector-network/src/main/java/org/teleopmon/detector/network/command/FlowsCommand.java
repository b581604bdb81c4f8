package org.teleopmon.detector.network.command;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.detector.network.internal.FlowRow;
import org.teleopmon.detector.network.internal.NetworkDetector;

/** {@code teleop:flows}: the flows the network detector classified (with {@code --all}, every flow it follows). */
@Service
@Command(scope = "teleop", name = "flows", description = "Shows the flows the network detector classified (VR, "
        + "web_control, video, control) with their evidence; --all lists every flow it follows")
public class FlowsCommand implements Action {

    @Reference
    NetworkDetector detector;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Option(name = "-a", aliases = "--all", description = "List every flow followed, classified or not")
    boolean all;

    @Option(name = "-m", aliases = "--measurements", description = "List every measurement of the detector")
    boolean measurements;

    @Override
    public Object execute() {
        DetectorSignal signal = detector.detect();
        System.out.printf("%s, confidence %d: %s%n", signal.active() ? "ACTIVE" : "idle", signal.confidence(),
                signal.reason());
        signal.operators().forEach(o -> System.out.printf("operator %s (%s, %s)%n", o.name(), o.id(), o.detail()));
        ShellTable table = new ShellTable().emptyTableText(all ? "no flows" : "no classified flows (--all lists every flow)");
        for (String name : new String[] {"Flow", "Class", "Proto", "From", "To", "Source"}) {
            table.column(name);
        }
        for (String name : new String[] {"Age s", "Pkts out", "Pkts in", "Mbit/s", "Rate Hz"}) {
            table.column(name).alignRight();
        }
        table.column("Evidence");
        for (FlowRow r : detector.flows(all)) {
            table.addRow().addContent(r.id(), r.flowClass(), r.protocol(), r.from(), r.to(), r.source(),
                    f1(r.ageSeconds()), r.packetsOut(), r.packetsIn(), String.format(Locale.ROOT, "%.3f", r.mbps()),
                    f1(r.rateHz()), r.evidence());
        }
        table.print(System.out, !noFormat);
        if (measurements) {
            Map<String, Double> sorted = new TreeMap<>(signal.measurements());
            sorted.forEach((k, v) -> System.out.printf("%s = %s%n", k, v));
        }
        return null;
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
