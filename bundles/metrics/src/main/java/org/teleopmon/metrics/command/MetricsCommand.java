package org.teleopmon.metrics.command;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.metrics.internal.SeriesCounts;
import org.teleopmon.wire.Wire;

@Service
@Command(scope = "teleop", name = "metrics", description = "Shows every metric series summarised over its sliding window.")
public class MetricsCommand implements Action {

    @Argument(index = 0, name = "name", description = "Only series whose name contains this text.")
    String filter;

    @Option(name = "--json", description = "Prints JSON instead of a table.")
    boolean json;

    @Option(name = "--no-format", description = "Disables table rendering (for scripts).")
    boolean noFormat;

    @Reference
    MetricsCollector metrics;

    @Reference
    SeriesCounts counts;

    @Override
    public Object execute() {
        List<MetricSummary> summaries = metrics.getSummary().stream()
                .filter(s -> filter == null || s.name().contains(filter)).toList();
        if (json) {
            System.out.println(Wire.write(summaries));
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("no series yet");
        for (String header : new String[] {"Name", "Tags", "Count", "Min", "Max", "Mean", "P50", "P95", "P99",
            "Last", "Rate/s"}) {
            table.column(header);
        }
        for (MetricSummary s : summaries) {
            table.addRow().addContent(s.name(), String.join(",", s.tags().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()), s.count(), number(s.min()),
                    number(s.max()), number(s.mean()), number(s.p50()), number(s.p95()), number(s.p99()),
                    number(s.last()), number(s.rate()));
        }
        table.print(System.out, !noFormat);
        if (!noFormat) {
            System.out.printf("%d series, %d samples refused by the cardinality limits%n", counts.seriesCount(),
                    counts.refusedSamples());
        }
        return null;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        return abs != 0 && (abs >= 1e7 || abs < 1e-2) ? String.format(Locale.ROOT, "%.3g", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
