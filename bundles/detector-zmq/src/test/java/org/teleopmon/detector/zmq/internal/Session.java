package org.teleopmon.detector.zmq.internal;

import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.BuiltPacket;

/** Plays one TCP connection's two byte streams into a detector as packets, with sequence numbers. */
final class Session {

    private final ZmqDetector detector;
    private final String client;
    private final int clientPort;
    private final String server;
    private final int serverPort;
    private long clientSeq = 1000;
    private long serverSeq = 5000;

    Session(ZmqDetector detector, String client, int clientPort, String server, int serverPort) {
        this.detector = detector;
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
    }

    Session open(long nanos) {
        detector.onPacket(BuiltPacket.tcp(nanos, client, clientPort, server, serverPort, clientSeq++, Packet.TCP_SYN,
                new byte[0], 0, 0));
        detector.onPacket(BuiltPacket.tcp(nanos, server, serverPort, client, clientPort, serverSeq++,
                Packet.TCP_SYN | Packet.TCP_ACK, new byte[0], 0, 0));
        return this;
    }

    Session toServer(long nanos, byte[] bytes) {
        clientSeq = send(nanos, client, clientPort, server, serverPort, clientSeq, bytes);
        return this;
    }

    Session toClient(long nanos, byte[] bytes) {
        serverSeq = send(nanos, server, serverPort, client, clientPort, serverSeq, bytes);
        return this;
    }

    /** Sends the bytes in 1400-byte segments; returns the next sequence number. */
    private long send(long nanos, String src, int srcPort, String dst, int dstPort, long seq, byte[] bytes) {
        for (int off = 0; off < bytes.length; off += 1400) {
            int n = Math.min(1400, bytes.length - off);
            detector.onPacket(BuiltPacket.tcp(nanos, src, srcPort, dst, dstPort, seq, Packet.TCP_ACK | Packet.TCP_PSH,
                    bytes, off, n));
            seq += n;
        }
        return seq;
    }

    void close(long nanos, int flag) {
        detector.onPacket(BuiltPacket.tcp(nanos, client, clientPort, server, serverPort, clientSeq, flag | Packet.TCP_ACK,
                new byte[0], 0, 0));
    }

    /** The robot's side closes (FIN) or resets (RST) the connection. */
    void closeFromServer(long nanos, int flag) {
        detector.onPacket(BuiltPacket.tcp(nanos, server, serverPort, client, clientPort, serverSeq, flag | Packet.TCP_ACK,
                new byte[0], 0, 0));
    }
}
