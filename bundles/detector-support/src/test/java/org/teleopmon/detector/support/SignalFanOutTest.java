package org.teleopmon.detector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.SignalListener;

class SignalFanOutTest {

    private final Recorded log = new Recorded();
    private final List<SignalListener> listeners = new CopyOnWriteArrayList<>();
    private final SignalFanOut signals = new SignalFanOut(listeners, log.logger);

    @Test
    void aThrowingListenerCostsOnlyItsOwnDeliveryAndIsLoggedOnce() {
        List<DetectorSignal> before = new CopyOnWriteArrayList<>();
        List<DetectorSignal> after = new CopyOnWriteArrayList<>();
        listeners.add(before::add);
        listeners.add(s -> {
            throw new IllegalStateException("a sink's bug");
        });
        listeners.add(after::add);
        DetectorSignal first = DetectorSignal.idle("zmq", Instant.ofEpochSecond(1));
        DetectorSignal second = DetectorSignal.idle("zmq", Instant.ofEpochSecond(2));

        signals.push(first);
        signals.push(second);

        assertThat(before).containsExactly(first, second);
        assertThat(after).containsExactly(first, second);
        assertThat(log.warnings()).singleElement().asString().contains("threw on a 'zmq' signal")
                .contains("a sink's bug");
    }

    @Test
    void noSignalIsNoDelivery() {
        List<DetectorSignal> seen = new CopyOnWriteArrayList<>();
        listeners.add(seen::add);

        signals.push(null);

        assertThat(seen).isEmpty();
    }

    @Test
    void listenersThatComeAndGoAreFollowed() {
        List<DetectorSignal> seen = new CopyOnWriteArrayList<>();
        SignalListener listener = seen::add;
        DetectorSignal signal = DetectorSignal.idle("webrtc", Instant.ofEpochSecond(1));
        signals.push(signal);
        listeners.add(listener);
        signals.push(signal);
        listeners.remove(listener);
        signals.push(signal);

        assertThat(seen).hasSize(1);
    }
}
