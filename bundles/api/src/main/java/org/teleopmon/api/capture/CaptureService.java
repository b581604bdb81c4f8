package org.teleopmon.api.capture;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;
import org.teleopmon.api.Health;

/** The capture bundle's service: its state, and replay of recorded traffic. */
@ProviderType
public interface CaptureService {

    Health health();

    CaptureStats stats();

    /**
     * Reads a pcap file and dispatches its packets to the registered listeners as if captured,
     * with their recorded timestamps. Returns the number of packets read.
     */
    long replay(Path pcapFile) throws IOException;
}
