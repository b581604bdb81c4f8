package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.PacketListener;

/**
 * The capture without OSGi: listeners in, packets out. A capture thread runs only while some
 * listener wants packets; the filter follows the listeners as they come and go.
 *
 * <p>{@link CaptureComponent} is its OSGi face. Other modules' tests, benchmarks and tools use it
 * directly through {@link #open}, {@link #loopback} and {@link #replay(Path, PacketListener)}: the
 * same libpcap handles, kernel filter, decoder and dispatch, with listeners added by hand. The
 * package is not exported: bundles use {@link CaptureService}.
 */
public final class Capture implements CaptureService, AutoCloseable {

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

    /**
     * Starts capturing on the named interfaces (empty: {@code lo} and every active interface) of the
     * network namespace file {@code netns} (empty: the JVM's own), with {@code batchMillis} of kernel
     * batching (0: a wake-up per packet). Packets flow once a listener is {@linkplain #add added};
     * {@link #health()} says why not.
     */
    public static Capture open(List<String> interfaces, String netns, int batchMillis) {
        Capture capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(interfaces).withNetns(netns)
                .withBatchMillis(batchMillis));
        capture.start();
        return capture;
    }

    /** Starts capturing for the listener on the {@code lo} of the network namespace file {@code netns} (empty: this JVM's). */
    public static Capture loopback(PacketListener listener, String netns) {
        Capture capture = open(List.of("lo"), netns, CaptureSettings.DEFAULTS.batchMillis());
        capture.add(listener);
        return capture;
    }

    /** Starts capturing on this JVM's {@code lo} for the listener. */
    public static Capture loopback(PacketListener listener) {
        return loopback(listener, "");
    }

    /**
     * Dispatches every packet of a pcap or pcapng file to the listener with its recorded timestamp,
     * through the capture's own decoder; returns how many packets were read. Needs libpcap, not root.
     */
    public static long replay(Path file, PacketListener listener) throws IOException {
        try (Capture offline = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of()))) {
            offline.add(listener);
            return offline.replay(file);
        }
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

    /** Adds a listener; the kernel filter follows. */
    public synchronized void add(PacketListener listener) {
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

    public synchronized void remove(PacketListener listener) {
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

    /** Whether the handles are open with a filter in place: packets sent from now on are seen. */
    public boolean ready() {
        return health().isOk() && !stats().filter().isEmpty();
    }

    @Override
    public Health health() {
        return health.current();
    }

    @Override
    public synchronized CaptureStats stats() {
        List<InterfaceCapture> live = loop == null ? List.of() : loop.interfaces();
        String filter = loop == null ? "" : loop.filter();
        return totals.stats(live, dispatcher, filter, settings.netns());
    }

    /** How often the namespace was entered or the interfaces opened, retries included, for tests of the back-off. */
    synchronized int openAttempts() {
        return loop == null ? 0 : loop.namespaceAttempts() + loop.interfaces().stream().mapToInt(c -> c.attempts).sum();
    }

    @Override
    public long replay(Path file) throws IOException {
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
