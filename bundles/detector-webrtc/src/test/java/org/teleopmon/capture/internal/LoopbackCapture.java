package org.teleopmon.capture.internal;

import java.util.List;

import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.PacketListener;

/**
 * The capture bundle's real libpcap capture on {@code lo}, of this host or of a network namespace,
 * opened for this module's live tests.
 */
public final class LoopbackCapture implements AutoCloseable {

    private final Capture capture;

    public LoopbackCapture(PacketListener listener) {
        this(listener, "");
    }

    /** A capture on the {@code lo} of the namespace at {@code netns} (empty: this host's). */
    public LoopbackCapture(PacketListener listener, String netns) {
        capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo")).withNetns(netns));
        capture.start();
        capture.add(listener);
    }

    public CaptureStats stats() {
        return capture.stats();
    }

    public boolean healthy() {
        return capture.health().isOk();
    }

    /** Whether the kernel filter is in place and the handle open: packets sent from now on are seen. */
    public boolean ready() {
        return capture.health().isOk() && !capture.stats().filter().isEmpty();
    }

    @Override
    public void close() {
        capture.close();
    }
}
