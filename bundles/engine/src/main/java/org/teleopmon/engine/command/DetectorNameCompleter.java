package org.teleopmon.engine.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.TeleopMonitor;

/** Completes the names of the detectors the engine knows. */
@Service
public class DetectorNameCompleter implements Completer {

    @Reference
    TeleopMonitor monitor;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        monitor.getDetectors().stream().map(DetectorStatus::name).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
