package org.teleopmon.capture.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The capture thread: opens the interfaces (retrying with back-off), keeps the kernel filter in
 * step with the listeners, and drains every handle through one decoder into the dispatcher.
 * Owning every libpcap call on one thread keeps libpcap, which is not thread-safe, out of races.
 * With {@code netns} configured the thread first enters that network namespace, so the interfaces
 * it lists and the handles it opens are the namespace's.
 */
final class CaptureLoop implements Runnable {

    private static final int POLL_MS = 100;
    private static final int BATCH = 256;
    private static final long STATS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final CaptureSettings settings;
    private final Dispatcher dispatcher;
    private final Supplier<List<String>> interfaceNames;
    private final CaptureHealth health;
    private final byte[] buffer;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Poller poller = new Poller();
    private final NamespaceEntry namespace;
    private volatile List<InterfaceCapture> interfaces = List.of();
    /** The same as {@link #interfaces}: indexed loops on the capture thread allocate no iterator. */
    private InterfaceCapture[] all = new InterfaceCapture[0];
    private volatile String filter = "";
    private volatile boolean running = true;
    private InterfaceCapture[] polled = new InterfaceCapture[0];
    private volatile String appliedFilter = "";
    private long nextStats;
    /** A drain stopped at the batch limit: libpcap may hold packets the descriptor no longer signals. */
    private boolean pending;
    private long nextRescan;

    CaptureLoop(CaptureSettings settings, Dispatcher dispatcher, Supplier<List<String>> interfaceNames,
            CaptureHealth health) {
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.interfaceNames = interfaceNames;
        this.health = health;
        this.buffer = new byte[settings.snapLength()];
        this.namespace = new NamespaceEntry(settings, health);
    }

    void filter(String expression) {
        filter = expression;
    }

    String filter() {
        return appliedFilter;
    }

    List<InterfaceCapture> interfaces() {
        return interfaces;
    }

    int namespaceAttempts() {
        return namespace.attempts;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        nextStats = System.nanoTime();
        nextRescan = nextStats;
        try {
            Poller.load();
            while (running) {
                long now = System.nanoTime();
                if (!namespace.enter(now)) {
                    LockSupport.parkNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                            Math.min(namespace.untilNextAttempt(now), TimeUnit.MILLISECONDS.toNanos(POLL_MS))));
                    continue;
                }
                boolean changed = maintain(now);
                if (changed) {
                    watchOpenHandles();
                    health.publish(interfaces);
                }
                if (polled.length == 0) {
                    LockSupport.parkNanos(Math.min(untilNextAttempt(now), TimeUnit.MILLISECONDS.toNanos(POLL_MS)));
                } else if (poller.await(pending ? 0 : POLL_MS) > 0 || pending) {
                    drainReady();
                }
            }
        } finally {
            interfaces.forEach(InterfaceCapture::close);
        }
    }

    /** Rescans, reopens and refilters; true when the set of open handles or their health changed. */
    private boolean maintain(long now) {
        boolean changed = false;
        if (now - nextRescan >= 0) {
            changed = rescan();
            nextRescan = now + RESCAN_NANOS;
        }
        String wanted = filter;
        for (InterfaceCapture capture : all) {
            if (capture.due(now) && !wanted.isEmpty()) {
                capture.open(settings, wanted, now);
                changed = true;
            } else if (capture.isOpen() && !wanted.equals(appliedFilter)) {
                try {
                    capture.handle().setFilter(wanted);
                } catch (PcapException e) {
                    capture.failed(e, now);
                    changed = true;
                }
            }
        }
        appliedFilter = wanted;
        if (now - nextStats >= 0) {
            for (InterfaceCapture capture : all) {
                capture.refreshStats();
            }
            nextStats = now + STATS_NANOS;
        }
        return changed;
    }

    private boolean rescan() {
        List<String> names = interfaceNames.get();
        List<InterfaceCapture> current = interfaces;
        if (current.stream().map(c -> c.name).toList().equals(names)) {
            return false;
        }
        List<InterfaceCapture> next = new ArrayList<>();
        for (String name : names) {
            next.add(current.stream().filter(c -> c.name.equals(name)).findFirst()
                    .orElseGet(() -> new InterfaceCapture(name, settings)));
        }
        current.stream().filter(c -> !next.contains(c)).forEach(InterfaceCapture::close);
        interfaces = List.copyOf(next);
        all = next.toArray(new InterfaceCapture[0]);
        return true;
    }

    private void watchOpenHandles() {
        List<InterfaceCapture> open = interfaces.stream().filter(InterfaceCapture::isOpen).toList();
        int[] fds = new int[open.size()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = open.get(i).handle().selectableFd();
        }
        poller.watch(fds, fds.length);
        polled = open.toArray(new InterfaceCapture[0]);
    }

    private long untilNextAttempt(long now) {
        long wait = Long.MAX_VALUE;
        for (InterfaceCapture capture : all) {
            wait = Math.min(wait, Math.max(0, capture.nextAttemptNanos() - now));
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait);
    }

    private void drainReady() {
        boolean changed = false;
        boolean wasPending = pending;
        pending = false;
        for (int i = 0; i < polled.length; i++) {
            if (wasPending || poller.ready(i)) {
                changed |= drain(polled[i]);
            }
        }
        if (changed) {
            watchOpenHandles();
            health.publish(interfaces);
        }
    }

    /** Reads up to a batch from one handle; true when the handle failed and was closed. */
    private boolean drain(InterfaceCapture capture) {
        PcapHandle handle = capture.handle();
        int linkType = handle.linkType();
        long read = 0;
        try {
            synchronized (dispatcher.dispatchLock()) {
                while (read < BATCH && handle.next(buffer) == 1) {
                    read++;
                    dispatcher.decodeAndDispatch(decoder, buffer, handle, linkType);
                }
            }
            pending |= read == BATCH;
            return false;
        } catch (PcapException e) {
            capture.failed(e, System.nanoTime());
            return true;
        } finally {
            capture.received += read;
        }
    }
}
