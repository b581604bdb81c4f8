package org.teleopmon.metrics.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.Silence;

@Service
@Command(scope = "teleop", name = "alert-silence",
        description = "Holds back one rule's alerts (of one subject, or all) for a while; they are told if still firing after.")
public class AlertSilenceCommand implements Action {

    @Argument(index = 0, name = "rule", required = true, description = "The rule or custom check name.")
    @Completion(RuleNameCompleter.class)
    String rule;

    @Option(name = "--for", description = "How long: 90s, 10m, 1h30m or PT10M.")
    String duration = "10m";

    @Option(name = "--subject", description = "Only this subject (as shown by teleop:alerts); all when omitted.")
    String subject = "";

    /** Karaf stops reading options at the first argument; this lets them follow the rule too. */
    @Argument(index = 1, name = "options", multiValued = true,
            description = "--for and --subject may also follow the rule: alert-silence low_fps --for 10m")
    List<String> trailing;

    @Reference
    AlertService alerts;

    @Override
    public Object execute() {
        if (!applyTrailingOptions()) {
            System.err.println("Expected --for <duration> or --subject <subject> after the rule, got " + trailing);
            return null;
        }
        if (!alerts.rules().contains(rule)) {
            System.err.println("Unknown rule '" + rule + "'; known: " + String.join(", ", alerts.rules()));
            return null;
        }
        Silence silence = alerts.silence(rule, subject, DurationArgument.parse(duration));
        System.out.println("Silenced " + rule + (subject.isEmpty() ? "" : " " + subject) + " until " + silence.until());
        return null;
    }

    private boolean applyTrailingOptions() {
        for (int i = 0; trailing != null && i < trailing.size(); i += 2) {
            String option = trailing.get(i);
            if (i + 1 == trailing.size()) {
                return false;
            } else if (option.equals("--for")) {
                duration = trailing.get(i + 1);
            } else if (option.equals("--subject")) {
                subject = trailing.get(i + 1);
            } else {
                return false;
            }
        }
        return true;
    }
}
