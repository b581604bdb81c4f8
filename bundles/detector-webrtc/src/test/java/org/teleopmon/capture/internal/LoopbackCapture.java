package org.teleopmon.capture.internal;

import java.util.List;

import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.PacketListener;

/** The capture bundle's real libpcap capture on {@code lo}, opened for this module's live tests. */
public final class LoopbackCapture implements AutoCloseable {

    private final Capture capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of("lo")));

    public LoopbackCapture(PacketListener listener) {
        capture.start();
        capture.add(listener);
    }

    public CaptureStats stats() {
        return capture.stats();
    }

    public boolean healthy() {
        return capture.health().isOk();
    }

    @Override
    public void close() {
        capture.close();
    }
}
