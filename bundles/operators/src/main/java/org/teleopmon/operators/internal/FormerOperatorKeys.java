package org.teleopmon.operators.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Operator names used to be configured per detector, as an {@code operators} key of its PID
 * ({@code 10.0.0.7=alice,10.0.0.8=bob}). Such keys, in any {@code org.teleopmon.*} configuration,
 * still count: their entries follow the directory's own, and each key is reported once with where
 * to move it.
 */
final class FormerOperatorKeys {

    static final String KEY = "operators";
    private static final String FILTER = "(&(service.pid=org.teleopmon.*)(" + KEY + "=*))";

    private FormerOperatorKeys() {
    }

    /** The former keys' entries by source, in PID order. */
    static Map<String, List<String>> read(ConfigurationAdmin configAdmin, Consumer<String> deprecations) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        Configuration[] configurations;
        try {
            configurations = configAdmin.listConfigurations(FILTER);
        } catch (IOException | InvalidSyntaxException e) {
            deprecations.accept("Could not read the former '" + KEY + "' keys: " + e.getMessage());
            return bySource;
        }
        Stream.of(configurations == null ? new Configuration[0] : configurations)
                .filter(c -> !SiteDirectory.PID.equals(c.getPid()))
                .sorted(java.util.Comparator.comparing(Configuration::getPid))
                .forEach(c -> {
                    List<String> lines = lines(c.getProperties().get(KEY));
                    if (!lines.isEmpty()) {
                        bySource.put(c.getPid() + " (deprecated key " + KEY + ")", lines);
                        deprecations.accept("Key '" + KEY + "' in configuration " + c.getPid() + " is deprecated: the "
                                + "operator directory uses its names. Move " + lines + " to 'entries' in etc/"
                                + SiteDirectory.PID + ".cfg and remove the key from etc/" + c.getPid() + ".cfg");
                    }
                });
        return bySource;
    }

    private static List<String> lines(Object value) {
        Stream<String> items = value instanceof String[] array ? Stream.of(array)
                : Stream.of(String.valueOf(value).split(","));
        return items.map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
