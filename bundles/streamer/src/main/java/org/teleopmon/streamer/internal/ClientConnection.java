package org.teleopmon.streamer.internal;

import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.CloseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client. Sends are asynchronous and bounded twice: Jetty queues at most
 * {@code send.queue.size} messages (maxOutgoingFrames) and this class at most {@code send.queue.bytes}
 * bytes, replies to the client's own requests included; past either, this client alone is dropped with
 * 1008. What the client sends is bounded too ({@code max.input.rate} bytes per second), so one client
 * cannot make the server allocate without limit by asking for large pongs.
 */
public final class ClientConnection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final long DISCONNECT_AFTER_MS = 3000;

    private final Hub hub;
    private final ClientProtocol protocol;
    private final ScheduledExecutorService scheduler;
    private final Hub.Resume resume;
    private final int queueLimit;
    private final int queueBytes;
    private final InputBudget input;
    /** Characters queued and not yet written; JSON is ASCII but for operator names, so chars ~ bytes. */
    private final AtomicLong pending = new AtomicLong();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session session;

    ClientConnection(Hub hub, ClientProtocol protocol, ScheduledExecutorService scheduler, Set<String> topics,
            Hub.Resume resume, int queueLimit, int queueBytes, InputBudget input) {
        this.hub = hub;
        this.protocol = protocol;
        this.scheduler = scheduler;
        this.resume = resume;
        this.queueLimit = queueLimit;
        this.queueBytes = queueBytes;
        this.input = input;
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
        if (!input.take(text.length(), System.nanoTime())) {
            hub.countDrop("flood");
            LOG.warn("Dropping WebSocket client {}: it sends more than {} bytes per second", remote(), input.rate());
            close(StatusCode.POLICY_VIOLATION, "sending more than " + input.rate() + " bytes per second");
            return;
        }
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
        if (cause instanceof CloseException) {
            // Jetty closed it for a protocol error (bad frame, bad UTF-8, message too large)
            hub.countDrop("protocol");
        }
        LOG.debug("WebSocket client {} failed", remote(), cause);
        hub.leave(this);
        protocol.forget(this);
    }

    /** No topics means every topic but the opt-in ones ({@code detector_update}), as in the seed. */
    boolean wants(String type) {
        return topics.isEmpty() ? !Topics.OPT_IN.contains(type) : topics.contains(type);
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
        long size = text.length();
        if (pending.addAndGet(size) > queueBytes) {
            pending.addAndGet(-size);
            if (!closing.get()) {
                hub.countDrop("slow");
                LOG.warn("Dropping WebSocket client {}: more than {} bytes waiting to be sent", remote(), queueBytes);
                close(StatusCode.POLICY_VIOLATION, "client too slow: more than " + queueBytes + " bytes waiting");
            }
            return;
        }
        current.sendText(text, Callback.from(() -> pending.addAndGet(-size), failure -> {
            pending.addAndGet(-size);
            sendFailed(failure);
        }));
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
