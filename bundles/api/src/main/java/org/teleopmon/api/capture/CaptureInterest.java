package org.teleopmon.api.capture;

import java.util.Set;

/**
 * What a {@link PacketListener} wants to see. The capture bundle compiles the union of all
 * interests into one kernel filter, so only wanted packets leave the kernel.
 *
 * @param tcpPorts TCP ports (either direction)
 * @param udpPorts UDP ports (either direction)
 * @param allUdp   every UDP packet, for detectors that classify by content rather than by port
 */
public record CaptureInterest(Set<Integer> tcpPorts, Set<Integer> udpPorts, boolean allUdp) {

    public CaptureInterest {
        tcpPorts = tcpPorts == null ? Set.of() : Set.copyOf(tcpPorts);
        udpPorts = udpPorts == null ? Set.of() : Set.copyOf(udpPorts);
        for (int port : tcpPorts) {
            checkPort(port);
        }
        for (int port : udpPorts) {
            checkPort(port);
        }
    }

    public static CaptureInterest tcp(Set<Integer> ports) {
        return new CaptureInterest(ports, Set.of(), false);
    }

    /** Whether a packet with these transport facts is wanted. */
    public boolean matches(int transport, int srcPort, int dstPort) {
        if (transport == Packet.TCP) {
            return tcpPorts.contains(srcPort) || tcpPorts.contains(dstPort);
        }
        if (transport == Packet.UDP) {
            return allUdp || udpPorts.contains(srcPort) || udpPorts.contains(dstPort);
        }
        return false;
    }

    public boolean isEmpty() {
        return tcpPorts.isEmpty() && udpPorts.isEmpty() && !allUdp;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
    }
}
