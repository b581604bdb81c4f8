package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeclaredEnvironmentTest {

    private final List<String> problems = new ArrayList<>();
    private final DeclaredEnvironment environment = new DeclaredEnvironment(
            Map.of("WEBSOCKET_PORT", " 9001 ", "ROBOT_TYPE", "xle", "SHM_NAMESPACE", "")::get, problems::add);

    @Test
    void aDeclaredVariableThatIsSetWinsOverTheFile() {
        environment.declare(7, "org.teleopmon.streamer", "WEBSOCKET_PORT=org.teleopmon.streamer/port");
        Dictionary<String, Object> streamer = props("port", "8765");
        Dictionary<String, Object> other = props("port", "8765");

        assertThat(environment.apply("org.teleopmon.streamer", streamer)).singleElement()
                .isEqualTo(new DeclaredEnvironment.Applied("WEBSOCKET_PORT", "org.teleopmon.streamer", "port", "9001"));
        assertThat(environment.apply("org.teleopmon.metrics", other)).isEmpty();
        assertThat(streamer.get("port")).isEqualTo("9001");
        assertThat(other.get("port")).isEqualTo("8765");
    }

    @Test
    void eachBundleDeclaresItsOwnAndOneVariableMayServeSeveral() {
        environment.declare(7, "org.teleopmon.engine", "ROBOT_TYPE=org.teleopmon.engine/robot.type");
        environment.declare(8, "org.teleopmon.detector-zmq", " ROBOT_TYPE=org.teleopmon.detector.zmq/robot.type ");
        Dictionary<String, Object> engine = props("robot.type", "lekiwi");
        Dictionary<String, Object> zmq = props("robot.type", "lekiwi");

        environment.apply("org.teleopmon.engine", engine);
        environment.apply("org.teleopmon.detector.zmq", zmq);
        assertThat(engine.get("robot.type")).isEqualTo("xle");
        assertThat(zmq.get("robot.type")).isEqualTo("xle");
    }

    @Test
    void unsetOrBlankVariablesAndRemovedBundlesChangeNothing() {
        environment.declare(9, "org.teleopmon.shm", "SHM_NAMESPACE=org.teleopmon.shm/namespace, UNSET=org.teleopmon.shm/x");
        Dictionary<String, Object> shm = props("namespace", "teleoperation");
        assertThat(environment.apply("org.teleopmon.shm", shm)).isEmpty();

        environment.declare(7, "org.teleopmon.streamer", "WEBSOCKET_PORT=org.teleopmon.streamer/port");
        environment.declare(7, "org.teleopmon.streamer", null);
        assertThat(environment.apply("org.teleopmon.streamer", props("port", "8765"))).isEmpty();
    }

    @Test
    void malformedEntriesAreReportedAndTheRestKept() {
        List<DeclaredEnvironment.Declaration> declarations = environment.declare(3, "com.acme.detector",
                "ACME_PORT=org.teleopmon.detector.acme/port, ACME_PORT, 9X=a/b");

        assertThat(declarations).containsExactly(
                new DeclaredEnvironment.Declaration("ACME_PORT", "org.teleopmon.detector.acme", "port"));
        assertThat(problems).containsExactly(
                "Bundle com.acme.detector, header Teleop-Environment: 'ACME_PORT' is not VARIABLE=pid/key; ignored",
                "Bundle com.acme.detector, header Teleop-Environment: '9X=a/b' is not VARIABLE=pid/key; ignored");
    }

    private static Dictionary<String, Object> props(String key, Object value) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(key, value);
        return props;
    }
}
