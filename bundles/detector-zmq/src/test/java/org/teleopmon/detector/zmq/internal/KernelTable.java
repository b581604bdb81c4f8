package org.teleopmon.detector.zmq.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.TcpInfo;
import org.teleopmon.api.sockets.TcpState;

/**
 * A robot's socket table as the sockets bundle hands it over, built reading by reading: connections with
 * counters the test moves, a listener on the command port. What the kernel reports is checked in the sockets
 * bundle's tests against real replies; here only the detector's use of it is under test.
 */
final class KernelTable {

    /** One connection's kernel facts, which the test changes between readings. */
    static final class Conn {
        final long cookie;
        final int port;
        final String peer;
        final int peerPort;
        TcpState state = TcpState.ESTABLISHED;
        long dataIn;
        long dataOut;
        long segmentsOut;
        long retransmits;
        long rttMicros = 100;
        long rttVarMicros = 50;
        long lastDataSentMs = 10_000;
        long lastDataReceivedMs = 10_000;

        Conn(long cookie, int port, String peer, int peerPort) {
            this.cookie = cookie;
            this.port = port;
            this.peer = peer;
            this.peerPort = peerPort;
        }
    }

    private final Map<Long, Conn> connections = new LinkedHashMap<>();
    private Map<Long, SocketEntry> previous = new HashMap<>();
    private long nextCookie = 1;
    boolean listening = true;
    int listenPort = 5555;

    Conn connect(int port, String peer, int peerPort) {
        Conn c = new Conn(nextCookie++, port, peer, peerPort);
        connections.put(c.cookie, c);
        return c;
    }

    void drop(Conn c) {
        connections.remove(c.cookie);
    }

    /** The reading at {@code nanos}, with added and removed against the previous one. */
    SocketSnapshot reading(long nanos) {
        List<SocketEntry> sockets = new ArrayList<>();
        if (listening) {
            sockets.add(new SocketEntry(Protocol.TCP, address("0.0.0.0"), listenPort, address("0.0.0.0"), 0,
                    TcpState.LISTEN, 1, 0, 0, 0, 50, null, null));
        }
        for (Conn c : connections.values()) {
            TcpInfo tcp = new TcpInfo(c.rttMicros, c.rttVarMicros, c.rttMicros, 0, 0, 0, 0, c.dataIn + 2,
                    c.segmentsOut, c.dataIn, c.dataOut, c.retransmits, 0, 0, c.lastDataSentMs, c.lastDataReceivedMs,
                    0);
            sockets.add(new SocketEntry(Protocol.TCP, address("10.0.0.2"), c.port, address(c.peer), c.peerPort,
                    c.state, 100 + c.cookie, 0, c.cookie, 0, 0, c.state == TcpState.TIME_WAIT ? null : tcp, null));
        }
        Map<Long, SocketEntry> now = new HashMap<>();
        sockets.forEach(s -> now.put(s.cookie(), s));
        List<SocketEntry> added = sockets.stream().filter(s -> !previous.containsKey(s.cookie())).toList();
        List<SocketEntry> removed = previous.values().stream().filter(s -> !now.containsKey(s.cookie())).toList();
        previous = now;
        return new SocketSnapshot(Instant.ofEpochSecond(0, nanos), sockets, added, removed);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
