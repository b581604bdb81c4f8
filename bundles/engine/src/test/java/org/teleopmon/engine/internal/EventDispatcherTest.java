package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;

class EventDispatcherTest {

    private final EventDispatcher dispatcher = new EventDispatcher();

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static TeleopEvent event(int confidence) {
        return TeleopEvent.stateUpdate(new TeleopState(false, List.of(), confidence, null, null, "lekiwi", null,
                Instant.EPOCH));
    }

    @Test
    void deliversInOrderAndIsolatesAThrowingListener() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        dispatcher.add(e -> {
            throw new IllegalStateException("listener bug");
        });
        dispatcher.add(e -> seen.add(e.state().confidence()));
        for (int i = 0; i < 100; i++) {
            dispatcher.accept(event(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 100);
        assertThat(seen).isSorted();
    }

    @Test
    void aBlockedListenerCostsDroppedEventsNotMemory() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.add(e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < EventDispatcher.CAPACITY + 10; i++) {
            dispatcher.accept(event(1));
        }
        assertThat(dispatcher.dropped()).isBetween(9L, 10L);
        release.countDown();
    }

    @Test
    void removedListenerNoLongerReceives() {
        List<TeleopEvent> removed = new CopyOnWriteArrayList<>();
        List<TeleopEvent> kept = new CopyOnWriteArrayList<>();
        org.teleopmon.api.TeleopEventListener listener = removed::add;
        dispatcher.add(listener);
        dispatcher.add(kept::add);
        dispatcher.remove(listener);
        dispatcher.accept(event(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> kept.size() == 1);
        assertThat(removed).isEmpty();
    }
}
