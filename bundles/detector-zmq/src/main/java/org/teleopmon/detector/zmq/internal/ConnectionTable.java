package org.teleopmon.detector.zmq.internal;

import java.util.ArrayList;
import java.util.List;

import org.teleopmon.api.capture.Packet;

/**
 * The connections being followed, at most a configured number: when full, the least recently
 * active one is dropped to make room, so a flood of connections cannot exhaust memory.
 */
final class ConnectionTable {

    private final List<Connection> connections = new ArrayList<>();
    private final ZmqSettings settings;
    private final TrafficSink sink;
    private long evicted;

    ConnectionTable(ZmqSettings settings, TrafficSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    /** The packet's connection; a new one for a SYN or a payload on a watched port; else null. */
    Connection find(Packet p) {
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            if (c.matches(p)) {
                return c;
            }
        }
        boolean opens = (p.tcpFlags() & Packet.TCP_SYN) != 0 || p.payloadLength() > 0;
        if (!opens || (p.tcpFlags() & (Packet.TCP_RST | Packet.TCP_FIN)) != 0) {
            return null;
        }
        int serverPort = settings.isPort(p.dstPort()) ? p.dstPort() : settings.isPort(p.srcPort()) ? p.srcPort() : -1;
        if (serverPort < 0) {
            return null;
        }
        if (connections.size() >= settings.maxConnections()) {
            evictOne();
        }
        Connection connection = new Connection(p, serverPort, sink, settings);
        connections.add(connection);
        return connection;
    }

    void remove(Connection connection) {
        connections.remove(connection);
    }

    List<Connection> all() {
        return connections;
    }

    long evicted() {
        return evicted;
    }

    private void evictOne() {
        Connection oldest = connections.get(0);
        for (Connection c : connections) {
            if (c.lastSeen < oldest.lastSeen) {
                oldest = c;
            }
        }
        connections.remove(oldest);
        evicted++;
    }
}
