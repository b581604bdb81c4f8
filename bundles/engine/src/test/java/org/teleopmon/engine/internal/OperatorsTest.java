package org.teleopmon.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.api.EventType.OPERATOR_CONNECTED;
import static org.teleopmon.api.EventType.OPERATOR_DISCONNECTED;
import static org.teleopmon.api.EventType.STATE_UPDATE;
import static org.teleopmon.api.EventType.TELEOPERATION_STOPPED;
import static org.teleopmon.engine.internal.Timeline.T0;
import static org.teleopmon.engine.internal.Timeline.ms;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.OperatorDirectory;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.TeleopEvent;

class OperatorsTest {

    private final Timeline t = new Timeline().attach("zmq", 90).attach("webrtc", 90).attach("input", 50);

    @Test
    void twoOperatorsAtOnceEachComeAndGoWithTheirOwnEvents() {
        t.push("zmq", 90, "10.0.0.7");
        t.advance(500);
        t.push("webrtc", 90, "10.0.0.9");
        assertThat(t.correlator.state().operators()).extracting(o -> o.operator().id())
                .containsExactly("10.0.0.7", "10.0.0.9");

        t.keep("webrtc", 90, ms(1000), "10.0.0.9");
        t.push("zmq", 0);
        t.run(ms(1900));
        assertThat(t.correlator.state().operators()).hasSize(2);
        t.run(ms(100));

        assertThat(t.correlator.state().operators()).extracting(o -> o.operator().id()).containsExactly("10.0.0.9");
        TeleopEvent left = t.last(OPERATOR_DISCONNECTED);
        assertThat(left.operator().operator().id()).isEqualTo("10.0.0.7");
        assertThat(left.operator().lastSeen()).isEqualTo(T0.plusMillis(1500));
        assertThat(t.types(OPERATOR_CONNECTED, OPERATOR_DISCONNECTED))
                .containsExactly(OPERATOR_CONNECTED, OPERATOR_CONNECTED, OPERATOR_DISCONNECTED);
        assertThat(t.correlator.state().active()).as("the other operator carries on").isTrue();
        assertThat(t.correlator.sessions().get(0).operators()).extracting(o -> o.id())
                .containsExactly("10.0.0.7", "10.0.0.9");
        int i = t.types().indexOf(OPERATOR_DISCONNECTED);
        assertThat(t.types().get(i + 1)).as("a state_update follows at once").isEqualTo(STATE_UPDATE);
    }

    @Test
    void sightingsAcrossDetectorsMergeByIdAndKeepTheFirstIdentity() {
        t.push("zmq", 90, "10.0.0.7");
        t.advance(100);
        t.push("webrtc", 90, "10.0.0.7");

        OperatorInfo operator = t.correlator.state().operators().get(0);
        assertThat(t.correlator.state().operators()).hasSize(1);
        assertThat(operator.detectors()).containsExactlyInAnyOrder("zmq", "webrtc");
        assertThat(operator.operator().detail()).isEqualTo("zmq");
        assertThat(operator.firstSeen()).isEqualTo(T0);
        assertThat(operator.lastSeen()).isEqualTo(T0.plusMillis(100));
        assertThat(t.count(OPERATOR_CONNECTED)).isEqualTo(1);
    }

    @Test
    void operatorSeenWithoutTeleoperationIsTrackedButStartsNothing() {
        t.push("input", 0, "Xbox Wireless Controller");
        assertThat(t.correlator.state().active()).isFalse();
        assertThat(t.correlator.state().operators()).hasSize(1);
        assertThat(t.count(OPERATOR_CONNECTED)).isEqualTo(1);
    }

    @Test
    void operatorStallingShorterThanHoldIsOneSighting() {
        for (int i = 0; i < 10; i++) {
            t.keep("zmq", 90, ms(700), "10.0.0.7");
            t.push("zmq", 0);
            t.run(ms(300));
        }
        assertThat(t.count(OPERATOR_CONNECTED)).isEqualTo(1);
        assertThat(t.count(OPERATOR_DISCONNECTED)).isZero();
        assertThat(t.count(TELEOPERATION_STOPPED)).isZero();
    }

    @Test
    void theDirectoryNamesEveryDetectorsOperatorsAndAChangeShowsAtOnce() {
        Map<String, String> names = new java.util.HashMap<>(Map.of("10.0.0.7", "alice"));
        t.correlator.directory(directory(names));
        t.push("zmq", 90, "10.0.0.7");
        t.push("input", 0, "device:xbox wireless controller");

        assertThat(t.correlator.state().operators()).extracting(o -> o.operator().name())
                .containsExactly("alice", "device:xbox wireless controller");
        assertThat(t.last(OPERATOR_CONNECTED).operator().operator().name())
                .isEqualTo("device:xbox wireless controller");
        assertThat(t.correlator.sessions().get(0).operators()).extracting(o -> o.name()).contains("alice");

        names.put("device:xbox wireless controller", "dave");
        long updates = t.count(STATE_UPDATE);
        t.run(ms(600));
        assertThat(t.correlator.state().operators()).extracting(o -> o.operator().name())
                .containsExactly("alice", "dave");
        assertThat(t.count(STATE_UPDATE)).as("clients hear of the new name").isGreaterThan(updates);

        t.correlator.directory(null);
        assertThat(t.correlator.state().operators()).extracting(o -> o.operator().name())
                .containsExactly("10.0.0.7", "device:xbox wireless controller");
    }

    /** A directory over a map: the engine's side of the contract; the matching rules are the operators bundle's. */
    private static OperatorDirectory directory(Map<String, String> names) {
        return new OperatorDirectory() {
            @Override
            public Optional<String> nameOf(String identity) {
                return Optional.ofNullable(names.get(identity));
            }

            @Override
            public List<Entry> entries() {
                return names.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue(), "test")).toList();
            }
        };
    }
}
