package org.teleopmon.engine.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Detector;

/** Reads a detector's name and default weight defensively: a custom detector may get either wrong. */
final class DetectorNames {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorNames.class);

    private DetectorNames() {
    }

    /** Its {@code name()}, or {@code detector-<service.id>} when that throws or is blank. */
    static String of(Detector detector, Map<String, Object> properties) {
        try {
            String name = detector.name();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (RuntimeException | LinkageError e) {
            // reported by problem()
        }
        return "detector-" + properties.get(Constants.SERVICE_ID);
    }

    /** Why the name could not be used, if it could not. */
    static Optional<String> problem(Detector detector, Map<String, Object> properties) {
        try {
            String name = detector.name();
            return name == null || name.isBlank() ? Optional.of("name() returned no name") : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("name() threw " + e);
        }
    }

    /** The {@value Detector#WEIGHT_PROPERTY} service property, or {@code null} when absent or invalid. */
    static Integer weight(String name, Map<String, Object> properties) {
        Object value = properties.get(Detector.WEIGHT_PROPERTY);
        if (value == null) {
            return null;
        }
        OptionalInt weight = Settings.parseWeight(value);
        if (weight.isEmpty()) {
            LOG.warn("Detector '{}' has {}={}, not an integer 0..100; using the configured or default weight",
                    name, Detector.WEIGHT_PROPERTY, value);
            return null;
        }
        return weight.getAsInt();
    }
}
