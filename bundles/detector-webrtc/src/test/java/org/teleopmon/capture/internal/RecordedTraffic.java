package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.teleopmon.api.capture.PacketListener;

/**
 * The capture bundle's own libpcap replay, for this module's tests: recorded files go through the
 * same decoder and dispatch as live packets, with their recorded timestamps.
 */
public final class RecordedTraffic {

    private RecordedTraffic() {
    }

    /** Dispatches every packet of the file to the listener; returns how many were read. */
    public static long replay(Path file, PacketListener listener) throws IOException {
        Capture capture = new Capture(CaptureSettings.DEFAULTS.withInterfaces(List.of()));
        try {
            capture.add(listener);
            return capture.replay(file);
        } finally {
            capture.close();
        }
    }
}
