package org.teleopmon.detector.zmq.internal;

import java.util.Arrays;

import org.teleopmon.api.capture.Packet;

/**
 * One TCP connection to a watched port. The server is the side that bound the port (the robot);
 * the client opened it (the operator, on the command and observation ports).
 */
final class Connection {

    private final byte[] clientAddress = new byte[16];
    private final int addressLength;
    private final int clientPort;
    final int serverPort;
    final String client;
    final Direction toServer;
    final Direction toClient;
    final long opened;
    long lastSeen;
    boolean closed;
    String closedBy = "";
    /** Whether the client (the operator) sent the FIN or RST that closed it. */
    boolean closedByClient;
    /** Commands this connection carried. */
    long commands;
    /** The operator id carried by this connection's messages, if any. */
    String operatorId;

    Connection(Packet first, int serverPort, TrafficSink sink, ZmqSettings settings) {
        boolean fromClient = first.dstPort() == serverPort;
        int offset = fromClient ? first.srcAddressOffset() : first.dstAddressOffset();
        this.addressLength = first.addressLength();
        System.arraycopy(first.array(), offset, clientAddress, 0, addressLength);
        this.clientPort = fromClient ? first.srcPort() : first.dstPort();
        this.serverPort = serverPort;
        this.client = (fromClient ? first.srcAddress() : first.dstAddress()).getHostAddress();
        this.toServer = new Direction(this, true, sink, settings);
        this.toClient = new Direction(this, false, sink, settings);
        this.opened = first.timestampNanos();
        this.lastSeen = opened;
    }

    /** Whether the packet belongs to this connection, in either direction. Allocation-free. */
    boolean matches(Packet p) {
        if (p.addressLength() != addressLength) {
            return false;
        }
        if (p.dstPort() == serverPort && p.srcPort() == clientPort) {
            return sameAddress(p.array(), p.srcAddressOffset());
        }
        return p.srcPort() == serverPort && p.dstPort() == clientPort && sameAddress(p.array(), p.dstAddressOffset());
    }

    /** Feeds the packet's payload to the direction it travels in; FIN or RST closes the connection. */
    void accept(Packet p) {
        lastSeen = p.timestampNanos();
        Direction direction = p.dstPort() == serverPort && p.srcPort() == clientPort ? toServer : toClient;
        int flags = p.tcpFlags();
        int missing = Math.max(0, p.declaredPayloadLength() - p.payloadLength());
        direction.stream.segment(p.timestampNanos(), p.tcpSeq(), (flags & Packet.TCP_SYN) != 0, p.array(),
                p.payloadOffset(), p.payloadLength(), missing);
        if ((flags & (Packet.TCP_FIN | Packet.TCP_RST)) != 0 && !closed) {
            closedByClient = direction == toServer;
            close((flags & Packet.TCP_RST) != 0 ? "RST" : "FIN");
        }
    }

    void close(String reason) {
        closed = true;
        closedBy = reason;
        toServer.stream.end();
        toClient.stream.end();
    }

    /** {@code address:port} of the client. */
    String clientEndpoint() {
        return (addressLength == 16 ? "[" + client + "]" : client) + ":" + clientPort;
    }

    private boolean sameAddress(byte[] array, int offset) {
        return Arrays.equals(array, offset, offset + addressLength, clientAddress, 0, addressLength);
    }
}
