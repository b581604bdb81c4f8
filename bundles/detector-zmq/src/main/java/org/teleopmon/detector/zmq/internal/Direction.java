package org.teleopmon.detector.zmq.internal;

import java.util.Map;

/** One direction of a {@link Connection}: its reassembly, decoder and counters. */
final class Direction implements ZmtpDecoder.Listener {

    private final Connection connection;
    private final boolean toServer;
    private final TrafficSink sink;
    final ZmtpDecoder decoder;
    final TcpStream stream;
    long messages;
    long messageBytes;
    long malformed;
    String mechanism = "";
    String socketType = "";
    String identity = "";

    Direction(Connection connection, boolean toServer, TrafficSink sink, ZmqSettings settings) {
        this.connection = connection;
        this.toServer = toServer;
        this.sink = sink;
        this.decoder = new ZmtpDecoder(this, settings.peekBytes(), settings.maxFrameBytes());
        this.stream = new TcpStream(decoder, settings.maxPendingSegments(), settings.maxPendingBytes(),
                settings.reorderNanos());
    }

    @Override
    public void greeting(int major, int minor, String mechanismName) {
        mechanism = mechanismName + " (ZMTP " + major + "." + minor + ")";
    }

    @Override
    public void command(String name, Map<String, String> properties) {
        socketType = properties.getOrDefault("Socket-Type", socketType);
        identity = properties.getOrDefault("Identity", identity);
    }

    @Override
    public void message(ZmtpMessage message) {
        messages++;
        messageBytes += message.bytes();
        sink.message(connection, toServer, message);
    }

    @Override
    public void malformed(String reason) {
        malformed++;
        sink.malformed(connection, toServer, reason);
    }

    boolean toServer() {
        return toServer;
    }
}
