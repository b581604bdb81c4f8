package org.teleopmon.config.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LOG_LEVEL} (the launcher's {@code --log-level}): sets the level of the {@code org.teleopmon}
 * loggers in Pax Logging's configuration. No bundle of the monitor owns that configuration, so this
 * variable is the config bundle's own rather than a {@code Teleop-Environment} declaration. Pax Logging is configured long before any plugin can intercept it, so the level is
 * written into its configuration (and so into {@code etc/org.ops4j.pax.logging.cfg}) when it differs.
 */
@Component
public class LogLevelFromEnvironment {

    static final String VARIABLE = "LOG_LEVEL";
    static final String LOGGING_PID = "org.ops4j.pax.logging";
    static final String NAME_KEY = "log4j2.logger.teleopmon.name";
    static final String LEVEL_KEY = "log4j2.logger.teleopmon.level";
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final Logger LOG = LoggerFactory.getLogger(LogLevelFromEnvironment.class);

    @Activate
    public LogLevelFromEnvironment(@Reference ConfigurationAdmin configurationAdmin) {
        String requested = System.getenv(VARIABLE);
        if (requested == null || requested.isBlank()) {
            return;
        }
        String level = normalise(requested);
        if (level == null) {
            LOG.warn("Invalid value '{}' for {}: expected one of {}; the configured log level stays in force",
                    requested, VARIABLE, LEVELS);
            return;
        }
        try {
            apply(configurationAdmin.getConfiguration(LOGGING_PID, "?"), level);
        } catch (IOException e) {
            LOG.warn("Could not apply {}={}: {}", VARIABLE, level, e.getMessage());
        }
    }

    /** WARNING is accepted for WARN, as Python's logging names it. */
    static String normalise(String requested) {
        String level = requested.trim().toUpperCase(Locale.ROOT);
        level = level.equals("WARNING") ? "WARN" : level;
        return LEVELS.contains(level) ? level : null;
    }

    private static void apply(Configuration configuration, String level) throws IOException {
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        if (Objects.equals(properties.get(LEVEL_KEY), level) && "org.teleopmon".equals(properties.get(NAME_KEY))) {
            return;
        }
        properties.put(NAME_KEY, "org.teleopmon");
        properties.put(LEVEL_KEY, level);
        configuration.update(properties);
        LOG.info("{}={} applied to the org.teleopmon loggers", VARIABLE, level);
    }
}
