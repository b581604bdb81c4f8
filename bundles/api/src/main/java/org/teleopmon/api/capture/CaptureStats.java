package org.teleopmon.api.capture;

import java.util.List;

/**
 * Counters of the capture service since it opened its handles.
 *
 * @param interfaces       the interfaces being captured on
 * @param received         packets delivered by the kernel
 * @param droppedKernel    packets the kernel dropped because the buffer was full
 * @param droppedInterface packets dropped by the interface or driver
 * @param dispatched       packet deliveries to listeners
 * @param undecodable      packets that were not IPv4/IPv6 TCP/UDP or were malformed
 * @param listenerErrors   exceptions thrown by listeners
 * @param filter           the kernel filter in force
 * @param networkNamespace the network-namespace file the interfaces belong to; empty for the
 *                         monitor's own namespace
 */
public record CaptureStats(List<String> interfaces, long received, long droppedKernel, long droppedInterface,
        long dispatched, long undecodable, long listenerErrors, String filter, String networkNamespace) {

    public CaptureStats {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        filter = filter == null ? "" : filter;
        networkNamespace = networkNamespace == null ? "" : networkNamespace;
    }

    /** Counters of a capture in the monitor's own network namespace. */
    public CaptureStats(List<String> interfaces, long received, long droppedKernel, long droppedInterface,
            long dispatched, long undecodable, long listenerErrors, String filter) {
        this(interfaces, received, droppedKernel, droppedInterface, dispatched, undecodable, listenerErrors, filter, "");
    }
}
