package org.teleopmon.streamer.internal;

import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client. Sends are asynchronous; Jetty queues at most {@code send.queue.size} of them
 * (maxOutgoingFrames) and fails the next, which drops this client alone.
 */
public final class ClientConnection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final long DISCONNECT_AFTER_MS = 3000;

    private final Hub hub;
    private final ClientProtocol protocol;
    private final ScheduledExecutorService scheduler;
    private final Hub.Resume resume;
    private final int queueLimit;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session session;

    ClientConnection(Hub hub, ClientProtocol protocol, ScheduledExecutorService scheduler, Set<String> topics,
            Hub.Resume resume, int queueLimit) {
        this.hub = hub;
        this.protocol = protocol;
        this.scheduler = scheduler;
        this.resume = resume;
        this.queueLimit = queueLimit;
        this.topics.addAll(topics);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        if (!hub.admit(this, protocol::hello, resume)) {
            hub.countDrop("max_clients");
            opened.close(StatusCode.TRY_AGAIN_LATER, protocol.maxClientsReason(), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        protocol.handle(this, text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        hub.countDrop("protocol");
        close(StatusCode.BAD_DATA, "binary frames are not supported: send JSON text messages");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        hub.leave(this);
        protocol.forget(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket client {} failed", remote(), cause);
        hub.leave(this);
        protocol.forget(this);
    }

    boolean wants(String type) {
        return topics.isEmpty() || topics.contains(type);
    }

    Set<String> topics() {
        return topics;
    }

    void deliver(Message message) {
        if (wants(message.type())) {
            send(message.text());
        }
    }

    void send(String text) {
        Session current = session;
        if (current == null || closing.get()) {
            return;
        }
        current.sendText(text, Callback.from(() -> { }, this::sendFailed));
    }

    void close(int code, String reason) {
        Session current = session;
        if (current == null || !closing.compareAndSet(false, true)) {
            return;
        }
        hub.leave(this);
        current.close(code, reason, Callback.NOOP);
        // A client that does not read never sees the close frame: cut it off after a grace period.
        scheduler.schedule(() -> {
            if (current.isOpen()) {
                current.disconnect();
            }
        }, DISCONNECT_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    String remote() {
        Session current = session;
        return current == null ? "?" : String.valueOf(current.getRemoteSocketAddress());
    }

    private void sendFailed(Throwable cause) {
        if (cause instanceof WritePendingException && !closing.get()) {
            hub.countDrop("slow");
            LOG.warn("Dropping WebSocket client {}: more than {} messages waiting to be sent", remote(), queueLimit);
            close(StatusCode.POLICY_VIOLATION, "client too slow: more than " + queueLimit + " messages waiting");
        } else {
            LOG.debug("Send to WebSocket client {} failed", remote(), cause);
        }
    }
}
