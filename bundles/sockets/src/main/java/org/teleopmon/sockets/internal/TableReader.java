package org.teleopmon.sockets.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.TcpState;

/**
 * One reading of the kernel's table: a dump per protocol and address family over one netlink socket, each
 * reply decoded in place and turned into a {@link SocketEntry} only when the socket matches. The requests are
 * written into the socket's own buffer and the replies read from it, so the netlink side allocates nothing;
 * the entries handed out are the only allocation. Not thread-safe.
 */
final class TableReader implements AutoCloseable {

    private static final InetAddress ANY_IPV4 = anyIpv4();
    private static final int[] FAMILIES = {DiagRequest.AF_INET, DiagRequest.AF_INET6};

    private final NetlinkSocket socket;
    private final DiagReply reply = new DiagReply();
    private final AddressCache addresses = new AddressCache();
    private int sequence;
    private long received;

    TableReader(double timeoutSeconds) throws NetlinkException {
        this.socket = new NetlinkSocket(timeoutSeconds);
    }

    /**
     * Appends to {@code into} every socket of {@code protocol} that {@code interest} matches, both families;
     * {@code bytecode} is the kernel filter for it ({@link PortFilter}), empty for none.
     */
    void read(Protocol protocol, SocketInterest interest, byte[] bytecode, List<SocketEntry> into)
            throws NetlinkException {
        for (int family : FAMILIES) {
            dump(protocol, family, interest, bytecode, into);
        }
    }

    private void dump(Protocol protocol, int family, SocketInterest interest, byte[] bytecode, List<SocketEntry> into)
            throws NetlinkException {
        int seq = ++sequence;
        int requestLength = DiagRequest.encode(socket.request(), seq, family, protocol.number(), bytecode);
        socket.send(requestLength);
        while (true) {
            int datagram = socket.receive();
            reply.begin(socket.reply(), datagram, seq);
            DiagReply.Item item;
            while ((item = reply.next()) == DiagReply.Item.SOCKET) {
                received++;
                if (interest.matches(protocol, reply.localPort(), reply.remotePort())) {
                    into.add(entry(protocol, reply));
                }
            }
            if (item == DiagReply.Item.DONE) {
                return;
            }
        }
    }

    /** Sockets the kernel sent so far, matching or not: what its filter let through. */
    long received() {
        return received;
    }

    /** The entry of the reply's current socket. Package-visible for the decoder tests. */
    SocketEntry entry(Protocol protocol, DiagReply r) {
        return entry(protocol, r, addresses);
    }

    static SocketEntry entry(Protocol protocol, DiagReply r, AddressCache addresses) {
        int length = r.addressLength();
        Optional<TcpState> state = TcpState.ofCode(r.state());
        InetAddress local = addresses.get(r.buffer(), r.localAddressOffset(), length);
        InetAddress remote = addresses.get(r.buffer(), r.remoteAddressOffset(), length);
        if (local instanceof Inet4Address && remote instanceof Inet6Address && remote.isAnyLocalAddress()) {
            remote = ANY_IPV4; // a dual-stack socket bound to an IPv4 address: one family for both ends
        }
        return new SocketEntry(protocol, local, r.localPort(), remote, r.remotePort(),
                state.orElse(TcpState.CLOSE), r.inode(), r.uid(), r.cookie(), r.receiveQueue(), r.sendQueue(),
                protocol == Protocol.TCP ? TcpInfoReader.read(r.buffer(), r.tcpInfoOffset(), r.tcpInfoLength()) : null,
                null);
    }

    private static InetAddress anyIpv4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
