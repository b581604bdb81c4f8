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
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageLedger;

@Service
@Command(scope = "teleop", name = "sessions",
        description = "Lists teleoperation sessions, newest first, with mean/peak of each metric: from the usage "
                + "ledger when it runs (every session kept), else the engine's recent sessions in memory.")
public class SessionsCommand implements Action {

    @Reference
    TeleopMonitor monitor;

    @Reference(optional = true)
    UsageLedger ledger;

    @Option(name = "--operator", description = "Only sessions of this operator (id or name); needs the usage ledger")
    String operator;

    @Option(name = "--robot", description = "Only sessions of this robot (id or type); needs the usage ledger")
    String robot;

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
        List<SessionRecord> sessions;
        if (ledger != null) {
            int n = Math.max(1, Math.min(limit, SessionQuery.MAX_LIMIT));
            sessions = ledger.sessions(new SessionQuery(null, null, operator, robot, n, null)).sessions().stream()
                    .map(LedgerSession::session).toList();
        } else {
            if (operator != null || robot != null) {
                throw new IllegalArgumentException("--operator and --robot read the usage ledger, which is not "
                        + "running: feature:install teleop-ledger");
            }
            sessions = monitor.getSessions();
            System.out.println("From the engine's memory (recent sessions only): the usage ledger is not running.");
        }
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
