package org.teleopmon.config.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks configuration values against their metatype and replaces each invalid one with the last
 * valid value seen for that key, or removes it so that the component's default applies. A valid
 * list value leaves as the typed array its metatype declares ({@link ListValues}).
 */
final class AttributeChecker {

    record Rejection(String pid, String key, String value, String reason, Object replacement) {

        String describe() {
            String kept = replacement == null ? "the default" : "the previous value '" + replacement + "'";
            return "Invalid value '" + value + "' for key '" + key + "' in configuration " + pid + ": "
                    + reason + "; " + kept + " stays in force";
        }
    }

    private final Map<String, Map<String, Object>> lastValid = new HashMap<>();

    synchronized List<Rejection> check(String pid, AttributeDefinition[] definitions,
            Dictionary<String, Object> properties) {
        List<Rejection> rejections = new ArrayList<>();
        Map<String, Object> valid = lastValid.computeIfAbsent(pid, p -> new HashMap<>());
        for (AttributeDefinition definition : definitions) {
            String key = definition.getID();
            Object value = properties.get(key);
            if (value == null) {
                continue;
            }
            List<String> elements = elements(definition, value);
            String reason = firstProblem(definition, elements);
            if (reason == null) {
                Object checked = ListValues.isList(definition) ? ListValues.typed(definition, elements) : value;
                properties.put(key, checked);
                valid.put(key, checked);
                continue;
            }
            Object replacement = valid.get(key);
            if (replacement == null) {
                properties.remove(key);
            } else {
                properties.put(key, replacement);
            }
            rejections.add(new Rejection(pid, key, String.join(",", elements), reason, render(replacement)));
        }
        return rejections;
    }

    /** The validator's complaint about the first bad element, or {@code null} when all are fine. */
    private static String firstProblem(AttributeDefinition definition, List<String> elements) {
        for (String element : elements) {
            String result = definition.validate(element);
            if (result != null && !result.isEmpty()) {
                return result + " (expected " + typeName(definition.getType()) + ")";
            }
            if (result == null && !parses(definition.getType(), element)) {
                return "not a valid " + typeName(definition.getType());
            }
        }
        return null;
    }

    /** A list key's items (a .cfg file gives them comma-separated); a single value's trimmed text. */
    private static List<String> elements(AttributeDefinition definition, Object value) {
        if (ListValues.isList(definition) || value.getClass().isArray()
                || value instanceof Collection<?>) {
            return ListValues.elements(value);
        }
        return List.of(String.valueOf(value).trim());
    }

    /** Type check for validators that decline to validate (they return {@code null}). */
    private static boolean parses(int type, String value) {
        try {
            switch (type) {
                case AttributeDefinition.INTEGER -> Integer.parseInt(value.trim());
                case AttributeDefinition.LONG -> Long.parseLong(value.trim());
                case AttributeDefinition.SHORT -> Short.parseShort(value.trim());
                case AttributeDefinition.BYTE -> Byte.parseByte(value.trim());
                case AttributeDefinition.DOUBLE -> Double.parseDouble(value.trim());
                case AttributeDefinition.FLOAT -> Float.parseFloat(value.trim());
                case AttributeDefinition.BOOLEAN -> {
                    String v = value.trim();
                    return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "number";
            case AttributeDefinition.FLOAT -> "number";
            case AttributeDefinition.BOOLEAN -> "boolean (true or false)";
            case AttributeDefinition.STRING -> "one of the allowed values";
            default -> "value";
        };
    }

    private static Object render(Object value) {
        return value == null ? null : String.join(",", ListValues.elements(value));
    }
}
