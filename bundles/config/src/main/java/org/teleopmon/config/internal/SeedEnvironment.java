package org.teleopmon.config.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The seed's environment variables and the configuration keys they stand for. An environment
 * variable that is set wins over the file, as it did in the seed; the launcher's flags are turned
 * into these variables.
 */
final class SeedEnvironment {

    record Target(String pid, String key) {
    }

    record Applied(String variable, String pid, String key, String value) {
    }

    static final Map<String, List<Target>> VARIABLES = Map.of(
            "ROBOT_TYPE", List.of(new Target("org.teleopmon.engine", "robot.type"),
                    new Target("org.teleopmon.detector.zmq", "robot.type")),
            "WEBSOCKET_PORT", List.of(new Target("org.teleopmon.streamer", "port")),
            "SHM_NAMESPACE", List.of(new Target("org.teleopmon.shm", "namespace")));

    private final Function<String, String> environment;

    SeedEnvironment(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Puts every set variable that targets {@code pid} into {@code properties}. */
    List<Applied> apply(String pid, Dictionary<String, Object> properties) {
        List<Applied> applied = new ArrayList<>();
        VARIABLES.forEach((variable, targets) -> {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                return;
            }
            for (Target target : targets) {
                if (target.pid().equals(pid)) {
                    properties.put(target.key(), value.trim());
                    applied.add(new Applied(variable, pid, target.key(), value.trim()));
                }
            }
        });
        return applied;
    }
}
