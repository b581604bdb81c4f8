package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a capture file through libpcap's offline mode (classic pcap and pcapng, any link type
 * libpcap knows) and dispatches its packets with their recorded timestamps.
 */
final class Replayer {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    private static final int MAX_FRAME = 262_144;

    private final Dispatcher dispatcher;

    Replayer(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    long replay(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read capture file " + file);
        }
        try (PcapHandle handle = PcapHandle.openOffline(file)) {
            return dispatchAll(handle, file);
        } catch (PcapException e) {
            throw new IOException("cannot replay " + file + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("cannot replay " + file + ": libpcap is not installed "
                    + "(sudo apt-get install libpcap0.8)", e);
        }
    }

    /** A file cut short (tcpdump killed mid-write) still yields every whole packet before the cut. */
    private long dispatchAll(PcapHandle handle, Path file) {
        PacketDecoder decoder = new PacketDecoder();
        byte[] buffer = new byte[MAX_FRAME];
        int linkType = handle.linkType();
        long count = 0;
        try {
            while (handle.next(buffer) == 1) {
                count++;
                synchronized (dispatcher.dispatchLock()) {
                    dispatcher.decodeAndDispatch(decoder, buffer, handle, linkType);
                }
            }
        } catch (PcapException e) {
            LOG.warn("Replay of {} stopped after {} packets: {}", file, count, e.getMessage());
        }
        return count;
    }
}
