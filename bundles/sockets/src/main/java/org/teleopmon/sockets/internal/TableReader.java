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

    /**
     * Reads {@code known} TCP sockets again by exact lookups, a hash lookup each in the kernel instead of a
     * walk of its whole table (what makes a dump cost milliseconds whatever its filter): appends to
     * {@code into} the fresh entry of each socket the kernel still has, and leaves out the ones it no longer
     * has (gone, or its addresses taken by another socket). Lookups are sent in batches, one datagram each.
     */
    void refresh(List<SocketEntry> known, List<SocketEntry> into) throws NetlinkException {
        int batch = NetlinkSocket.REQUEST_BYTES / DiagRequest.LOOKUP_BYTES;
        for (int from = 0; from < known.size(); from += batch) {
            lookup(known, from, Math.min(known.size(), from + batch), into);
        }
    }

    private void lookup(List<SocketEntry> known, int from, int to, List<SocketEntry> into) throws NetlinkException {
        int first = sequence + 1;
        int at = 0;
        for (int i = from; i < to; i++) {
            SocketEntry entry = known.get(i);
            byte[] local = entry.localAddress().getAddress();
            byte[] remote = entry.remoteAddress().getAddress();
            // An IPv6 socket talking to an IPv4 peer is reported with IPv4 addresses; the kernel's IPv4 lookup
            // finds it (its hash keys are the IPv4 ones).
            int family = local.length == 4 ? DiagRequest.AF_INET : DiagRequest.AF_INET6;
            at += DiagRequest.encodeLookup(socket.request(), at, ++sequence, family, Protocol.TCP.number(),
                    entry.localPort(), local, entry.remotePort(), remote, entry.cookie());
        }
        socket.send(at);
        int answers = 0;
        while (answers < to - from) {
            int datagram = socket.receive();
            reply.beginAnswers(socket.reply(), datagram, first, to - from);
            DiagReply.Item item;
            while ((item = reply.next()) != DiagReply.Item.END_OF_DATAGRAM) {
                answers += item == DiagReply.Item.DONE ? 0 : 1;
                if (item == DiagReply.Item.SOCKET) {
                    received++;
                    into.add(entry(Protocol.TCP, reply));
                }
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
