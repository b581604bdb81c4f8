package org.teleopmon.api.sockets;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which sockets a {@link SocketListener} wants. The sockets bundle compiles the union of all interests into
 * one kernel filter per protocol, so only wanted sockets leave the kernel.
 *
 * <p>A socket matches when its protocol is one of {@link #protocols()} and either {@link #allPorts()} is set,
 * its local port is one of {@link #localPorts()}, or its remote port is one of {@link #remotePorts()}. A
 * server's connections match by local port (a robot's 5555); a client's on the same host by remote port.
 * Sockets in every state match, listening and closing ones included.
 *
 * @param protocols   the protocols; empty means none
 * @param localPorts  local ports that match
 * @param remotePorts remote ports that match
 * @param allPorts    every socket of the protocols matches, whatever its ports
 */
public record SocketInterest(Set<Protocol> protocols, Set<Integer> localPorts, Set<Integer> remotePorts,
        boolean allPorts) {

    public SocketInterest {
        protocols = protocols == null || protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
        localPorts = localPorts == null ? Set.of() : Set.copyOf(localPorts);
        remotePorts = remotePorts == null ? Set.of() : Set.copyOf(remotePorts);
        localPorts.forEach(SocketInterest::checkPort);
        remotePorts.forEach(SocketInterest::checkPort);
    }

    /** TCP sockets with one of these ports at either end: the usual interest of a protocol detector. */
    public static SocketInterest tcp(Set<Integer> ports) {
        return new SocketInterest(Set.of(Protocol.TCP), ports, ports, false);
    }

    /** Every socket of these protocols. */
    public static SocketInterest all(Protocol... protocols) {
        return new SocketInterest(Set.of(protocols), Set.of(), Set.of(), true);
    }

    /** Whether a socket with these facts is wanted. */
    public boolean matches(Protocol protocol, int localPort, int remotePort) {
        return protocols.contains(protocol)
                && (allPorts || localPorts.contains(localPort) || remotePorts.contains(remotePort));
    }

    public boolean matches(SocketEntry socket) {
        return matches(socket.protocol(), socket.localPort(), socket.remotePort());
    }

    /** Whether no socket can match. */
    public boolean isEmpty() {
        return protocols.isEmpty() || !allPorts && localPorts.isEmpty() && remotePorts.isEmpty();
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
    }
}
