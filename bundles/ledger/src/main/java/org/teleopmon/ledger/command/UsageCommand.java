package org.teleopmon.ledger.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageLedger;
import org.teleopmon.api.usage.UsageTotal;

@Service
@Command(scope = "teleop", name = "usage",
        description = "Teleoperation totals from the usage ledger: sessions, time and mean quality per operator, day or robot.")
public class UsageCommand implements Action {

    private static final Pattern SINCE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([mhdw])");

    @Reference
    UsageLedger ledger;

    @Option(name = "--by", description = "Group by operator (default), day (UTC) or robot")
    @Completion(value = StringsCompleter.class, values = {"operator", "day", "robot"})
    String by = "operator";

    @Option(name = "--since", description = "Only sessions started this long ago or later: 30m, 12h, 7d, 2w (default: all)")
    String since;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        UsageGrouping grouping = UsageGrouping.fromWireName(by.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("--by must be operator, day or robot, not '" + by + "'"));
        Instant from = since == null ? null : Instant.now().minus(since(since));
        List<UsageTotal> totals = ledger.usage(from, null, grouping);
        List<String> metrics = Measurements.STATE_METRICS.stream()
                .filter(m -> totals.stream().anyMatch(t -> t.quality().containsKey(m))).toList();
        ShellTable table = new ShellTable().emptyTableText("No sessions" + (since == null ? "" : " in the last " + since));
        table.column(grouping == UsageGrouping.DAY ? "Day" : grouping == UsageGrouping.ROBOT ? "Robot" : "Operator");
        table.column(grouping == UsageGrouping.ROBOT ? "Type" : "Name");
        table.column("Sessions").alignRight();
        table.column("Time").alignRight();
        metrics.forEach(m -> table.column("Mean " + m).alignRight());
        for (UsageTotal total : totals) {
            var row = table.addRow();
            row.addContent(total.key().isEmpty() ? "-" : total.key(), total.label(), total.sessions(), time(total.time()));
            metrics.forEach(m -> row.addContent(total.quality().containsKey(m)
                    ? String.format(Locale.ROOT, "%.2f", total.quality().get(m)) : "-"));
        }
        table.print(System.out, !noFormat);
        return null;
    }

    static Duration since(String text) {
        Matcher m = SINCE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--since must be a number and a unit (m, h, d, w) such as 7d, not '"
                    + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        long minutes = switch (m.group(2)) {
            case "m" -> 1;
            case "h" -> 60;
            case "d" -> 60 * 24;
            default -> 60 * 24 * 7;
        };
        return Duration.ofSeconds(Math.round(amount * minutes * 60));
    }

    static String time(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
