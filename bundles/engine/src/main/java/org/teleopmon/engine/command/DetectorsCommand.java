package org.teleopmon.engine.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.TeleopMonitor;

@Service
@Command(scope = "teleop", name = "detectors",
        description = "Lists every detector the engine consumes: its verdict, weight, health and last signal.")
public class DetectorsCommand implements Action {

    @Reference
    TeleopMonitor monitor;

    @Argument(name = "names", description = "Only these detectors", multiValued = true)
    @Completion(DetectorNameCompleter.class)
    List<String> names;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.emptyTableText("No detectors");
        table.column("Name");
        table.column("Active");
        table.column("Confidence").alignRight();
        table.column("Weight").alignRight();
        table.column("Health");
        table.column("Last signal");
        table.column("Signals").alignRight();
        table.column("Reason");
        for (DetectorStatus d : monitor.getDetectors()) {
            if (names == null || names.isEmpty() || names.contains(d.name())) {
                String health = d.health().status() + (d.health().message().isEmpty() ? "" : ": " + d.health().message());
                table.addRow().addContent(d.name(), d.active(), d.confidence(), d.weight(), health,
                        Formats.instant(d.lastSignal()), d.signals(), d.reason());
            }
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
