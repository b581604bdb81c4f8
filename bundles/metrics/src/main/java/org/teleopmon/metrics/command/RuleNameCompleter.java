package org.teleopmon.metrics.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.teleopmon.api.AlertService;

/** Completes the built-in rule names and the custom checks present now. */
@Service
public class RuleNameCompleter implements Completer {

    @Reference
    AlertService alerts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(alerts.rules()).complete(session, commandLine, candidates);
    }
}
