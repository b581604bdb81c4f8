package org.teleopmon.engine.command;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopMonitor;

@Service
@Command(scope = "teleop", name = "sessions",
        description = "Lists recent teleoperation sessions, newest first, with mean/peak of each metric.")
public class SessionsCommand implements Action {

    @Reference
    TeleopMonitor monitor;

    @Option(name = "-n", aliases = "--limit", description = "How many sessions to show (default 20)")
    int limit = 20;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.emptyTableText("No sessions yet");
        table.column("Id");
        table.column("Start");
        table.column("End");
        table.column("Duration").alignRight();
        table.column("Operators");
        table.column("Robot");
        table.column("Ended");
        table.column("Mean/peak");
        List<SessionRecord> sessions = monitor.getSessions();
        sessions.stream().limit(Math.max(0, limit)).forEach(s -> table.addRow().addContent(s.id(),
                Formats.instant(s.start()), s.isOpen() ? "open" : Formats.instant(s.end()),
                Formats.duration(s.duration()), Formats.ids(s.operators()), s.robotType(), ended(s), summary(s)));
        table.print(System.out, !noFormat);
        return null;
    }

    /** Why it ended: the reason, then the detail people read ("robot_closed: robot host closed ..."). */
    private static String ended(SessionRecord session) {
        if (session.endReason() == null) {
            return "";
        }
        String detail = session.endReason().detail();
        return session.endReason().kind().wireName() + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static String summary(SessionRecord session) {
        return Measurements.STATE_METRICS.stream()
                .filter(session.summary()::containsKey)
                .map(name -> name + " " + Formats.number(session.summary().get(name).mean()) + "/"
                        + Formats.number(session.summary().get(name).peak()))
                .collect(Collectors.joining(", "));
    }
}
