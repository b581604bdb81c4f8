package org.teleopmon.engine.command;

import java.io.PrintStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.EventType;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;

/** Prints events as they happen until Ctrl-C, like {@code log:tail}. */
@Service
@Command(scope = "teleop", name = "watch",
        description = "Prints teleoperation events (starts, stops, operators, state updates) live until Ctrl-C.")
public class WatchCommand implements Action {

    private static final int BACKLOG = 1000;

    @Reference
    Session session;

    @Reference
    BundleContext context;

    @Option(name = "--no-updates", description = "Hide state_update events")
    boolean noUpdates;

    @Override
    public Object execute() throws Exception {
        PrintStream out = session.getConsole();
        BlockingQueue<TeleopEvent> queue = new ArrayBlockingQueue<>(BACKLOG);
        AtomicLong dropped = new AtomicLong();
        TeleopEventListener listener = event -> {
            if (!(noUpdates && event.type() == EventType.STATE_UPDATE) && !queue.offer(event)) {
                dropped.incrementAndGet();
            }
        };
        ServiceRegistration<TeleopEventListener> registration =
                context.registerService(TeleopEventListener.class, listener, null);
        try {
            out.println("Watching teleoperation events; Ctrl-C to stop.");
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                TeleopEvent event = queue.take();
                out.println(EventLine.of(event));
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.println("(" + lost + " events skipped: the console is slower than the events)");
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            // Ctrl-C
        } finally {
            registration.unregister();
        }
        return null;
    }
}
