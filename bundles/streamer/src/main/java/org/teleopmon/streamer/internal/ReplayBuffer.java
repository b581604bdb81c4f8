package org.teleopmon.streamer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last N broadcast messages, for clients that reconnect with {@code last_seq}. Not thread-safe. */
final class ReplayBuffer {

    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private int capacity;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
    }

    void resize(int newCapacity) {
        capacity = newCapacity;
        trim();
    }

    void add(Message message) {
        messages.addLast(message);
        trim();
    }

    /**
     * Messages with a seq above {@code lastSeq}, or {@code null} when the buffer no longer holds all of
     * them (the client must resync). {@code current} is the newest seq ever published.
     */
    List<Message> after(long lastSeq, long current) {
        if (lastSeq > current || lastSeq < 0) {
            return null;
        }
        if (lastSeq == current) {
            return List.of();
        }
        long oldest = messages.isEmpty() ? current + 1 : messages.peekFirst().seq();
        if (lastSeq + 1 < oldest) {
            return null;
        }
        List<Message> missed = new ArrayList<>();
        for (Message m : messages) {
            if (m.seq() > lastSeq) {
                missed.add(m);
            }
        }
        return missed;
    }

    private void trim() {
        while (messages.size() > capacity) {
            messages.removeFirst();
        }
    }
}
