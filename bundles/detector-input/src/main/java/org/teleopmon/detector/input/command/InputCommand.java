package org.teleopmon.detector.input.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.detector.input.internal.DeviceRow;
import org.teleopmon.detector.input.internal.InputDetector;

/** {@code teleop:input}: the input devices on the robot's computer, who holds them and whether they drive. */
@Service
@Command(scope = "teleop", name = "input",
        description = "Shows the robot computer's input devices: kind, name, uniq, ids, the program holding each, "
                + "event rate and last event")
public class InputCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Reference
    InputDetector detector;

    @Argument(name = "nodes", description = "Only these devices (event5, js0, hidraw2)", multiValued = true)
    @Completion(InputNodeCompleter.class)
    List<String> nodes;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        DetectorSignal signal = detector.detect();
        System.out.printf("%s, confidence %d: %s%n", signal.active() ? "DRIVEN" : "idle", signal.confidence(),
                signal.reason());
        String health = detector.health().message();
        if (!health.isEmpty()) {
            System.out.printf("%s: %s%n", detector.health().status(), health);
        }
        ShellTable table = new ShellTable().emptyTableText("no input devices");
        for (String name : new String[] {"Device", "Kind", "Name", "Uniq", "Vendor:Product", "Consumer"}) {
            table.column(name);
        }
        table.column("Rate Hz").alignRight();
        table.column("Last event");
        table.column("Driving");
        table.column("Status");
        for (DeviceRow row : detector.devices()) {
            if (nodes == null || nodes.isEmpty() || nodes.stream().anyMatch(n -> row.node().contains(n))) {
                table.addRow().addContent(row.node(), row.kind(), row.name(), row.uniq().isEmpty() ? "-" : row.uniq(),
                        row.vendorProduct(), row.consumer(), String.format(Locale.ROOT, "%.1f", row.rateHz()),
                        time(row.lastEvent()), row.driving() ? "yes (" + row.activeControls() + ")" : "no",
                        row.status());
            }
        }
        table.print(System.out, !noFormat);
        return null;
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
