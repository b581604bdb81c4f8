package org.teleopmon.streamer.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.wire.Wire;

/**
 * The WebSocket broadcast: numbers every message, keeps the replay buffer, and hands each message to
 * every client without waiting for any of them. Outlives listener restarts, so {@code seq} keeps
 * counting and clients can resume across a rebind.
 */
public final class Hub {

    private final Object lock = new Object();
    private final String streamId = UUID.randomUUID().toString().substring(0, 8);
    private final List<ClientConnection> clients = new CopyOnWriteArrayList<>();
    private final ReplayBuffer replay;
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private volatile int maxClients;
    private long seq;

    public Hub(int maxClients, int replayBufferSize) {
        this.maxClients = maxClients;
        this.replay = new ReplayBuffer(replayBufferSize);
    }

    public void configure(int newMaxClients, int replayBufferSize) {
        synchronized (lock) {
            maxClients = newMaxClients;
            replay.resize(replayBufferSize);
        }
    }

    /** Numbers, records and queues one message to every subscribed client; never blocks on a client. */
    public long publish(String type, Instant timestamp, JsonNode data) {
        synchronized (lock) {
            long next = ++seq;
            Message message = new Message(next, type, envelope(type, next, timestamp, data));
            replay.add(message);
            published.increment();
            for (ClientConnection client : clients) {
                client.deliver(message);
            }
            return next;
        }
    }

    /**
     * Sends a snapshot to the clients that want its topic. It is not numbered and not kept for replay
     * (the next snapshot supersedes it); like a reply it carries the seq of the last broadcast.
     */
    void offer(String type, Instant timestamp, JsonNode data) {
        synchronized (lock) {
            Message message = new Message(seq, type, envelope(type, seq, timestamp, data));
            for (ClientConnection client : clients) {
                client.deliver(message);
            }
        }
    }

    /** The clients connected now that want this topic. */
    Set<ClientConnection> wanting(String type) {
        Set<ClientConnection> wanting = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ClientConnection client : clients) {
            if (client.wants(type)) {
                wanting.add(client);
            }
        }
        return wanting;
    }

    /**
     * Admits a client, greets it and replays what it missed, atomically with respect to publish so that
     * nothing is lost or doubled in between. False when {@code max_clients} are connected.
     */
    boolean admit(ClientConnection client, Supplier<ObjectNode> hello, Resume resume) {
        ObjectNode greeting = hello.get();
        synchronized (lock) {
            if (clients.size() >= maxClients) {
                return false;
            }
            clients.add(client);
            greeting.put("stream_id", streamId);
            greeting.put("max_clients", maxClients);
            client.send(reply("hello", greeting));
            if (resume != null) {
                resume(client, resume, hello);
            }
            return true;
        }
    }

    /** Replays the messages after {@code resume.lastSeq()} or tells the client to resync. */
    void resume(ClientConnection client, Resume resume, Supplier<ObjectNode> state) {
        synchronized (lock) {
            List<Message> missed = streamId.equals(resume.streamId()) || resume.streamId() == null
                    ? replay.after(resume.lastSeq(), seq) : null;
            if (missed == null) {
                ObjectNode data = state.get();
                data.put("last_seq", resume.lastSeq());
                data.put("reason", "events after last_seq " + resume.lastSeq()
                        + " are no longer kept (or come from another server run); start over from this state");
                client.send(reply("resync", data));
                return;
            }
            missed.forEach(client::deliver);
            ObjectNode data = Wire.object();
            data.put("last_seq", resume.lastSeq());
            data.put("replayed", missed.stream().filter(m -> client.wants(m.type())).count());
            client.send(reply("resumed", data));
        }
    }

    void leave(ClientConnection client) {
        clients.remove(client);
    }

    void countDrop(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A direct reply: it carries the seq of the last broadcast before it. */
    String reply(String type, JsonNode data) {
        synchronized (lock) {
            return envelope(type, seq, Instant.now(), data);
        }
    }

    public String streamId() {
        return streamId;
    }

    public int clientCount() {
        return clients.size();
    }

    public long publishedCount() {
        return published.sum();
    }

    public Map<String, Long> droppedCounts() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        dropped.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    /** Closes every client, as when the listener stops. */
    public void closeAll(int code, String reason) {
        clients.forEach(c -> c.close(code, reason));
        clients.clear();
    }

    private static String envelope(String type, long seq, Instant timestamp, JsonNode data) {
        return Wire.message(type, seq, timestamp, data);
    }

    /** A client's request to continue after {@code lastSeq} of stream {@code streamId} (null: this one). */
    record Resume(long lastSeq, String streamId) {
    }
}
