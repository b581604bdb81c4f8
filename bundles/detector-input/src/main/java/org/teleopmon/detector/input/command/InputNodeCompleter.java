package org.teleopmon.detector.input.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.teleopmon.detector.input.internal.DeviceRow;
import org.teleopmon.detector.input.internal.InputDetector;

/** Completes the nodes of the input devices present. */
@Service
public class InputNodeCompleter implements Completer {

    @Reference
    InputDetector detector;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        detector.devices().stream().map(DeviceRow::node).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
