package org.teleopmon.detector.network.internal;

import java.util.Locale;

/**
 * One connection to a web_control port, decoded: the browser's HTTP upgrade request
 * ({@code GET /socket.io/?EIO=4&transport=websocket}), the server's {@code 101} answer (and whether it
 * agreed to permessage-deflate), then the WebSocket messages both ways, read as Engine.IO / Socket.IO
 * packets: pings and pongs apart, and every event from the browser whose name is a configured command
 * counted in {@link #commands}. A connection joined in the middle is decoded from the first segment that
 * starts with a plausible masked frame from the browser.
 */
final class WebControl implements WebSocketFrames.Sink {

    private final HttpHead request = new HttpHead();
    private final HttpHead response = new HttpHead();
    final WebSocketFrames client = new WebSocketFrames(true);
    final WebSocketFrames server = new WebSocketFrames(false);
    /** The command events, as messages, for their rate and jitter. */
    final DirectionStats commands = new DirectionStats(NetworkSettings.BUCKETS);
    private byte[][] commandNames = new byte[0][];
    private long bucketNanos;
    private long burstGapNanos;
    private boolean notWebSocket;
    boolean upgradeRequested;
    boolean upgraded;
    boolean joined;
    boolean deflate;
    String target = "";
    long commandsTotal;
    long events;
    long pings;
    long pongs;
    long binary;
    long undecodable;
    long closeFrames;
    /** Who sent the first WebSocket Close frame: the one who ended the connection. */
    boolean clientClosedFirst;
    boolean serverClosedFirst;

    void reset(NetworkSettings settings) {
        request.reset();
        response.reset();
        client.reset();
        server.reset();
        commands.reset();
        commandNames = settings.commandEvents();
        bucketNanos = settings.bucketNanos();
        burstGapNanos = settings.burstGapNanos();
        notWebSocket = upgradeRequested = upgraded = joined = deflate = false;
        target = "";
        commandsTotal = events = pings = pongs = binary = undecodable = closeFrames = 0;
        clientClosedFirst = serverClosedFirst = false;
    }

    /** Whether this connection carries (or can still turn out to carry) Socket.IO over WebSocket. */
    boolean webSocket() {
        return (upgraded || joined) && !notWebSocket;
    }

    /** Bytes from the browser; {@code path} is the configured Socket.IO path prefix. */
    void fromClient(byte[] b, int offset, int length, boolean gap, long now, String path) {
        if (notWebSocket) {
            return;
        }
        if (!upgradeRequested && !joined) {
            if (request.empty() && !HttpHead.startsRequest(b, offset, length)) {
                joinMidStream(b, offset, length, now);
                return;
            }
            int used = request.feed(b, offset, length);
            if (used < 0) {
                notWebSocket |= request.failed();
                return;
            }
            checkUpgrade(path);
            offset += used;
            length -= used;
            if (!upgradeRequested || length == 0) {
                return;
            }
        }
        client.feed(b, offset, length, gap, now, this);
    }

    /** Bytes from the server. */
    void fromServer(byte[] b, int offset, int length, boolean gap, long now) {
        if (notWebSocket) {
            return;
        }
        if (upgradeRequested && !upgraded) {
            int used = response.feed(b, offset, length);
            if (used < 0) {
                notWebSocket |= response.failed();
                return;
            }
            checkResponse();
            offset += used;
            length -= used;
            if (length == 0) {
                return;
            }
        }
        if (upgraded || joined) {
            server.feed(b, offset, length, gap, now, this);
        }
    }

    private void checkUpgrade(String path) {
        String line = request.firstLine();
        String[] parts = line.split(" ");
        boolean get = parts.length == 3 && parts[0].equals("GET") && parts[2].startsWith("HTTP/1.");
        boolean socketIo = get && parts[1].startsWith(path);
        boolean upgrade = request.header("Upgrade").toLowerCase(Locale.ROOT).contains("websocket");
        if (socketIo && upgrade) {
            upgradeRequested = true;
            target = parts[1].length() > 120 ? parts[1].substring(0, 120) + "..." : parts[1];
        } else {
            notWebSocket = true;
        }
    }

    private void checkResponse() {
        String[] status = response.firstLine().split(" ");
        if (status.length < 2 || !status[1].equals("101")) {
            notWebSocket = true;
            return;
        }
        upgraded = true;
        String extensions = response.header("Sec-WebSocket-Extensions").toLowerCase(Locale.ROOT);
        if (extensions.contains("permessage-deflate")) {
            deflate = true;
            client.deflate(extensions.contains("client_no_context_takeover"));
            server.deflate(extensions.contains("server_no_context_takeover"));
        }
        client.start();
        server.start();
    }

    /** Joined in the middle (the capture started late): decodes from the first plausible browser frame. */
    private void joinMidStream(byte[] b, int offset, int length, long now) {
        long before = client.frames;
        client.feed(b, offset, length, true, now, this);
        if (client.frames > before) {
            joined = true;
        }
    }

    @Override
    public void message(boolean fromClient, int opcode, byte[] peek, int peekLength, boolean decoded, long now) {
        if (!decoded) {
            undecodable++;
            return;
        }
        if (opcode == WebSocketFrames.BINARY) {
            binary++;
            return;
        }
        switch (SocketIo.classify(peek, peekLength, commandNames)) {
            case SocketIo.PING -> pings++;
            case SocketIo.PONG -> pongs++;
            case SocketIo.COMMAND -> {
                if (fromClient) {
                    commandsTotal++;
                    commands.message(now, bucketNanos, burstGapNanos);
                } else {
                    events++;
                }
            }
            case SocketIo.EVENT -> events++;
            default -> {
                // open, connect, ack, upgrade probes: part of the session, not operator input
            }
        }
    }

    @Override
    public void control(boolean fromClient, int opcode, long now) {
        if (opcode == WebSocketFrames.CLOSE) {
            if (closeFrames++ == 0) {
                clientClosedFirst = fromClient;
                serverClosedFirst = !fromClient;
            }
        }
    }
}
