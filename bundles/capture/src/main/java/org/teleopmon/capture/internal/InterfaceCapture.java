package org.teleopmon.capture.internal;

/**
 * One interface: its handle while open, why it is not open otherwise, when to retry, and counters
 * that outlive a handle. Changed only by the capture thread; the volatile fields are for readers.
 */
final class InterfaceCapture {

    final String name;
    private final Backoff backoff;
    private final long[] kernel = new long[3];
    private PcapHandle handle;
    private long nextAttemptNanos;
    private long closedDrops;
    private long closedInterfaceDrops;
    volatile PcapException failure;
    volatile long received;
    volatile long droppedKernel;
    volatile long droppedInterface;

    InterfaceCapture(String name, CaptureSettings settings) {
        this.name = name;
        this.backoff = new Backoff(settings.retryInitial(), settings.retryMax());
    }

    PcapHandle handle() {
        return handle;
    }

    boolean isOpen() {
        return handle != null;
    }

    boolean due(long now) {
        return handle == null && now - nextAttemptNanos >= 0;
    }

    long nextAttemptNanos() {
        return nextAttemptNanos;
    }

    /** Opens and filters the handle; on failure records why and when to try again. */
    boolean open(CaptureSettings settings, String filter, long now) {
        try {
            handle = PcapHandle.openLive(name, settings);
            handle.setFilter(filter);
            failure = null;
            backoff.succeeded();
            return true;
        } catch (PcapException e) {
            failed(e, now);
        } catch (UnsatisfiedLinkError e) {
            failed(new PcapException(PcapException.Kind.NO_LIBRARY, e.getMessage()), now);
        }
        return false;
    }

    void failed(PcapException e, long now) {
        close();
        failure = e;
        nextAttemptNanos = now + backoff.failed();
    }

    /** Reads the kernel's counters; libpcap keeps them per handle, so closed handles' totals are kept aside. */
    void refreshStats() {
        if (handle != null && handle.stats(kernel)) {
            droppedKernel = closedDrops + kernel[1];
            droppedInterface = closedInterfaceDrops + kernel[2];
        }
    }

    void close() {
        if (handle != null) {
            refreshStats();
            closedDrops = droppedKernel;
            closedInterfaceDrops = droppedInterface;
            handle.close();
            handle = null;
        }
    }
}
