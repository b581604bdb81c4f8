package org.teleopmon.operators.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.OperatorDirectory;

@Service
@Command(scope = "teleop", name = "operators",
        description = "Lists the operator directory: which identity gets which name, in the order they are matched.")
public class OperatorsCommand implements Action {

    @Reference
    OperatorDirectory directory;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.emptyTableText("No operator names configured (etc/org.teleopmon.operators.cfg, key entries)");
        table.column("Identity");
        table.column("Name");
        table.column("Source");
        directory.entries().forEach(e -> table.addRow().addContent(e.identity(), e.name(), e.source()));
        table.print(System.out, !noFormat);
        return null;
    }
}
