package org.teleopmon.metrics.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.Silence;

@Service
@Command(scope = "teleop", name = "alert-unsilence",
        description = "Lifts a silence before it expires; an alert it held back is told if it still fires.")
public class AlertUnsilenceCommand implements Action {

    @Argument(index = 0, name = "rule", required = true, description = "The silenced rule (as teleop:alerts lists it).")
    @Completion(RuleNameCompleter.class)
    String rule;

    @Argument(index = 1, name = "subject", description = "The subject it was silenced for; all subjects when omitted.")
    String subject = "";

    @Reference
    AlertService alerts;

    @Override
    public Object execute() {
        List<Silence> lifted = alerts.unsilence(rule, subject);
        if (lifted.isEmpty()) {
            System.err.println("No silence of " + rule + (subject.isEmpty() ? "" : " " + subject)
                    + "; teleop:alerts lists the silences in force");
        } else {
            System.out.println("Lifted the silence of " + rule + (subject.isEmpty() ? "" : " " + subject));
        }
        return null;
    }
}
