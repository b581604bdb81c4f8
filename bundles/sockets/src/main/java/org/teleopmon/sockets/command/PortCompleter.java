package org.teleopmon.sockets.command;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketTable;

/** Completes the local ports of the sockets in the latest reading. */
@Service
public class PortCompleter implements Completer {

    @Reference
    SocketTable table;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        new TreeSet<>(table.snapshot().sockets().stream().map(SocketEntry::localPort).toList())
                .forEach(port -> delegate.getStrings().add(String.valueOf(port)));
        return delegate.complete(session, commandLine, candidates);
    }
}
