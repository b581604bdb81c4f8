package org.teleopmon.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.Alert;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopState;

class AlertDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void throwingListenersDoNotStopTheOthersAndOrderIsKept() {
        List<TeleopEvent> events = new CopyOnWriteArrayList<>();
        List<TeleopEvent> after = new CopyOnWriteArrayList<>();
        TeleopEventListener broken = e -> {
            throw new IllegalStateException("broken listener");
        };
        AlertDispatcher dispatcher = new AlertDispatcher(List.of(broken, events::add, broken, after::add));
        TeleopState state = TeleopState.idle("lekiwi", NOW);
        for (int i = 0; i < 3; i++) {
            dispatcher.publish(new Alert("low_fps", "", Severity.WARNING, Alert.State.FIRING, EventType.FPS_WARNING, i,
                    15, "fps low", NOW.plusSeconds(i)), state);
        }
        dispatcher.close();

        assertThat(events).extracting(TeleopEvent::type).containsOnly(EventType.FPS_WARNING).hasSize(3);
        assertThat(events).extracting(e -> e.alert().value()).containsExactly(0.0, 1.0, 2.0);
        assertThat(events.get(0).state()).isSameAs(state);
        assertThat(after).isEqualTo(events);
    }
}
