package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.PacketListener;

/**
 * The capture without OSGi: listeners in, packets out. A capture thread runs only while some
 * listener wants packets; the filter follows the listeners as they come and go.
 */
final class Capture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    private static final long STOP_WAIT_MS = 5000;

    private final CaptureSettings settings;
    private final Supplier<List<String>> interfaceNames;
    private final Dispatcher dispatcher = new Dispatcher();
    private final CaptureHealth health;
    private final CounterTotals totals = new CounterTotals();
    private CaptureLoop loop;
    private Thread thread;
    private boolean started;

    Capture(CaptureSettings settings) {
        this.settings = settings;
        this.interfaceNames = new InterfaceSelector(settings.interfaces());
        this.health = new CaptureHealth(JavaCommand.path(), settings.namespace());
    }

    synchronized void start() {
        started = true;
        try {
            Libpcap.load();
        } catch (UnsatisfiedLinkError e) {
            health.publish(new PcapException(PcapException.Kind.NO_LIBRARY, e.getMessage()));
        }
        reconcile();
    }

    synchronized void add(PacketListener listener) {
        CaptureInterest interest;
        try {
            interest = listener.interest();
        } catch (RuntimeException e) {
            LOG.error("Packet listener {} failed to state its interest; it receives nothing.",
                    listener.getClass().getName(), e);
            return;
        }
        dispatcher.add(listener, interest == null ? new CaptureInterest(null, null, false) : interest);
        reconcile();
    }

    synchronized void remove(PacketListener listener) {
        dispatcher.remove(listener);
        reconcile();
    }

    private void reconcile() {
        if (!started) {
            return;
        }
        String filter = FilterExpression.of(dispatcher.interests());
        if (filter.isEmpty()) {
            stopLoop();
        } else if (loop == null) {
            loop = new CaptureLoop(settings, dispatcher, interfaceNames, health);
            loop.filter(filter);
            thread = new Thread(loop, "teleop-capture");
            thread.setDaemon(true);
            thread.start();
        } else {
            loop.filter(filter);
        }
    }

    private void stopLoop() {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        totals.keep(loop.interfaces());
        loop = null;
        thread = null;
        if (Libpcap.isLoaded()) {
            health.idle();
        }
    }

    Health health() {
        return health.current();
    }

    synchronized CaptureStats stats() {
        List<InterfaceCapture> live = loop == null ? List.of() : loop.interfaces();
        String filter = loop == null ? "" : loop.filter();
        return totals.stats(live, dispatcher, filter, settings.netns());
    }

    /** How often the namespace was entered or the interfaces opened, retries included, for tests of the back-off. */
    synchronized int openAttempts() {
        return loop == null ? 0 : loop.namespaceAttempts() + loop.interfaces().stream().mapToInt(c -> c.attempts).sum();
    }

    long replay(Path file) throws IOException {
        return new Replayer(dispatcher).replay(file);
    }

    /** The listener errors seen so far, per listener class, for the shell. */
    List<String> listenerErrors() {
        return dispatcher.errorsByListener();
    }

    @Override
    public synchronized void close() {
        started = false;
        stopLoop();
    }
}
