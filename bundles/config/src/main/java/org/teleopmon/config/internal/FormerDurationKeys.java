package org.teleopmon.config.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Durations are seconds in every PID. A key that used to carry its unit ({@code update.interval.ms},
 * {@code process.scan.interval.s}) is still read, so that a robot's edited file keeps working: when
 * the metatype declares the key without the suffix (a number) and not the suffixed key, the value
 * moves to the new key, converted to seconds.
 */
final class FormerDurationKeys {

    /** A former key met in a configuration; {@code ignored} when the new key was set as well. */
    record Renamed(String pid, String oldKey, String newKey, String oldValue, String newValue, boolean ignored) {

        String describe() {
            String file = "etc/" + pid + ".cfg";
            if (ignored) {
                return "Key '" + oldKey + "' in configuration " + pid + " is deprecated and ignored because '" + newKey
                        + "' (seconds) is set; remove it from " + file;
            }
            return "Key '" + oldKey + " = " + oldValue + "' in configuration " + pid + " is deprecated; it is read as '"
                    + newKey + " = " + newValue + "' (seconds). Rename it in " + file;
        }
    }

    /** Suffix and how many decimal places its unit is below seconds. */
    private static final Map<String, Integer> SUFFIXES = Map.of(".ms", 3, ".s", 0);

    private FormerDurationKeys() {
    }

    static List<Renamed> apply(String pid, AttributeDefinition[] definitions, Dictionary<String, Object> properties) {
        Map<String, AttributeDefinition> declared = Stream.of(definitions)
                .collect(Collectors.toMap(AttributeDefinition::getID, Function.identity(), (a, b) -> a));
        List<Renamed> renamed = new ArrayList<>();
        for (String key : Collections.list(properties.keys())) {
            if (declared.containsKey(key)) {
                continue;
            }
            SUFFIXES.forEach((suffix, shift) -> {
                String stem = key.endsWith(suffix) ? key.substring(0, key.length() - suffix.length()) : null;
                AttributeDefinition target = stem == null ? null : declared.get(stem);
                if (target == null || !isNumber(target) || target.getCardinality() != 0) {
                    return;
                }
                String old = String.valueOf(properties.remove(key)).trim();
                if (properties.get(stem) != null) {
                    renamed.add(new Renamed(pid, key, stem, old, null, true));
                } else {
                    String seconds = seconds(old, shift);
                    properties.put(stem, seconds);
                    renamed.add(new Renamed(pid, key, stem, old, seconds, false));
                }
            });
        }
        return renamed;
    }

    /** Exact decimal shift ({@code 100} ms is {@code 0.1}); text that is no number is left for the checker. */
    private static String seconds(String value, int shift) {
        try {
            return new BigDecimal(value).movePointLeft(shift).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static boolean isNumber(AttributeDefinition definition) {
        return switch (definition.getType()) {
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT, AttributeDefinition.LONG,
                    AttributeDefinition.INTEGER -> true;
            default -> false;
        };
    }
}
