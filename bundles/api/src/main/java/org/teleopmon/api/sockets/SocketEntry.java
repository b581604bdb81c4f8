package org.teleopmon.api.sockets;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One socket of the kernel's table at one snapshot. Immutable.
 *
 * <p>IPv4 addresses of IPv6 sockets ({@code ::ffff:a.b.c.d}) are reported as IPv4 addresses, so one peer
 * has one form whichever family its socket was opened with.
 *
 * @param protocol      TCP or UDP
 * @param localAddress  this host's address (the wildcard address for a socket bound to all interfaces)
 * @param localPort     this host's port
 * @param remoteAddress the peer's address (the wildcard address when not connected)
 * @param remotePort    the peer's port, 0 when not connected
 * @param state         the kernel's state; see {@link TcpState} for UDP
 * @param inode         the socket's inode, which {@code /proc/<pid>/fd} links name ({@code socket:[inode]});
 *                      0 for a connection in {@link TcpState#TIME_WAIT} or {@link TcpState#SYN_RECV}, which no
 *                      process holds
 * @param uid           the user id that created the socket
 * @param cookie        the kernel's unique id for the socket, stable for its lifetime and never reused while
 *                      the kernel runs: the key to follow one socket from snapshot to snapshot
 * @param receiveQueue  bytes received and not yet read by the application (for a listening socket: the
 *                      connections waiting in its accept queue)
 * @param sendQueue     bytes written by the application and not yet acknowledged by the peer (TCP) or not yet
 *                      sent (UDP)
 * @param tcp           what the TCP stack measured; {@code null} for UDP, and for TCP sockets without a full
 *                      connection state ({@link TcpState#TIME_WAIT}, {@link TcpState#NEW_SYN_RECV})
 * @param owner         the process holding the socket, when the mapping is enabled and permitted; {@code null}
 *                      otherwise
 */
public record SocketEntry(Protocol protocol, InetAddress localAddress, int localPort, InetAddress remoteAddress,
        int remotePort, TcpState state, long inode, int uid, long cookie, long receiveQueue, long sendQueue,
        TcpInfo tcp, SocketOwner owner) {

    public SocketEntry {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(state, "state");
    }

    /** This entry with the given owner. */
    public SocketEntry withOwner(SocketOwner value) {
        return new SocketEntry(protocol, localAddress, localPort, remoteAddress, remotePort, state, inode, uid,
                cookie, receiveQueue, sendQueue, tcp, value);
    }

    /** {@code local -> remote} with ports, e.g. {@code 127.0.0.1:5555 -> 127.0.0.1:40122}. */
    public String endpoints() {
        return address(localAddress, localPort) + " -> " + address(remoteAddress, remotePort);
    }

    private static String address(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
