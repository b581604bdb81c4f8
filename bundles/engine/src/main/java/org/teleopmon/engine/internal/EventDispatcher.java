package org.teleopmon.engine.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.EventType;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;

/**
 * Delivers events to every listener on one thread, in the order they were raised. A listener that
 * throws is logged once and keeps receiving; the queue is bounded so that a stuck listener costs
 * dropped events (counted and logged), never the engine's memory.
 */
final class EventDispatcher implements Consumer<TeleopEvent> {

    static final int CAPACITY = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /** Queued by {@link #close()}: everything before it is delivered. */
    private static final TeleopEvent END = new TeleopEvent(EventType.STATE_UPDATE, Instant.EPOCH, null, null, null, null);

    private final BlockingQueue<TeleopEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<TeleopEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<TeleopEventListener> failing = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

    EventDispatcher() {
        thread = new Thread(this::run, "teleop-engine-events");
        thread.setDaemon(true);
        thread.start();
    }

    void add(TeleopEventListener listener) {
        listeners.add(listener);
    }

    void remove(TeleopEventListener listener) {
        listeners.remove(listener);
        failing.remove(listener);
    }

    @Override
    public void accept(TeleopEvent event) {
        if (!queue.offer(event) && dropped.getAndIncrement() % 1000 == 0) {
            LOG.warn("Event queue full ({} events): a TeleopEventListener is blocking; {} events dropped so far",
                    CAPACITY, dropped.get());
        }
    }

    long dropped() {
        return dropped.get();
    }

    /** Delivers what is queued (the last session's end among it) for up to a second, then stops. */
    void close() {
        if (!queue.offer(END)) {
            thread.interrupt();
        }
        try {
            thread.join(1000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            for (TeleopEvent event = queue.take(); event != END; event = queue.take()) {
                deliver(event);
            }
        } catch (InterruptedException e) {
            // closing without delivering the rest: a listener was stuck
        }
    }

    private void deliver(TeleopEvent event) {
        for (TeleopEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                if (failing.add(listener)) {
                    LOG.warn("TeleopEventListener {} threw on {}; it keeps receiving events, further failures are "
                            + "not logged", listener.getClass().getName(), event.type().wireName(), e);
                }
            }
        }
    }
}
