package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Config Admin reduced to the two calls the seed makes: which PIDs exist, and create one. */
class EnvironmentSeedTest {

    private final Map<String, Dictionary<String, Object>> stored = new HashMap<>();
    private final ConfigurationAdmin configAdmin = (ConfigurationAdmin) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "listConfigurations":
                        String pid = ((String) args[0]).replaceAll("^\\(service\\.pid=(.*)\\)$", "$1");
                        return stored.containsKey(pid) ? new Configuration[] {configuration(pid)} : null;
                    case "getConfiguration":
                        return configuration((String) args[0]);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    private final EnvironmentSeed seed = new EnvironmentSeed(configAdmin);

    @Test
    void aSetVariableGivesAPidWithoutConfigurationItsKeyFromTheStart() throws Exception {
        boolean created = seed.seed(new DeclaredEnvironment.Applied("WEBSOCKET_PORT", "org.teleopmon.streamer",
                "port", "9001"));
        assertThat(created).isTrue();
        assertThat(stored.get("org.teleopmon.streamer").get("port")).isEqualTo("9001");
    }

    @Test
    void aPidThatAlreadyHasAConfigurationIsLeftToThePlugin() throws Exception {
        stored.put("org.teleopmon.streamer", new java.util.Hashtable<>(Map.of("port", "8765", "host", "127.0.0.1")));
        boolean created = seed.seed(new DeclaredEnvironment.Applied("WEBSOCKET_PORT", "org.teleopmon.streamer",
                "port", "9001"));
        assertThat(created).isFalse();
        assertThat(stored.get("org.teleopmon.streamer").get("port")).isEqualTo("8765");
    }

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateIfDifferent")) {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                        stored.put(pid, properties);
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
