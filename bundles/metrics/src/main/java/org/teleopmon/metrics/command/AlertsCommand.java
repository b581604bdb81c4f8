package org.teleopmon.metrics.command;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.Silence;

@Service
@Command(scope = "teleop", name = "alerts", description = "Shows the alerts firing now, the recent transitions and the silences.")
public class AlertsCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Option(name = "--limit", description = "How many recent transitions to show.")
    int limit = 20;

    @Option(name = "--no-format", description = "Disables table rendering (for scripts).")
    boolean noFormat;

    @Reference
    AlertService alerts;

    @Override
    public Object execute() {
        System.out.println("Active:");
        print(alerts.active(), "no alert firing");
        System.out.println("Recent:");
        print(alerts.history(Math.max(1, limit)), "no alert yet");
        List<Silence> silences = alerts.silences();
        if (!silences.isEmpty()) {
            System.out.println("Silenced:");
            ShellTable table = new ShellTable();
            table.column("Rule");
            table.column("Subject");
            table.column("Until");
            silences.forEach(s -> table.addRow().addContent(s.rule(), s.subject().isEmpty() ? "*" : s.subject(),
                    TIME.format(s.until())));
            table.print(System.out, !noFormat);
        }
        return null;
    }

    private void print(List<Alert> alerts, String empty) {
        ShellTable table = new ShellTable().emptyTableText(empty);
        for (String header : new String[] {"Time", "Event", "Rule", "Subject", "Severity", "Value", "Threshold",
            "Message"}) {
            table.column(header);
        }
        for (Alert a : alerts) {
            table.addRow().addContent(TIME.format(a.timestamp()), a.eventType().wireName(), a.rule(), a.subject(),
                    a.severity(), MetricsCommand.number(a.value()), MetricsCommand.number(a.threshold()), a.message());
        }
        table.print(System.out, !noFormat);
    }
}
