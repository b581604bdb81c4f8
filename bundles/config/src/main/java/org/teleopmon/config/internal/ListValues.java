package org.teleopmon.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Vector;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * List-valued keys: a .cfg file gives {@code key = a, b, c} as one string; components declare
 * {@code String[]} or {@code int[]}. The text is split at commas (blank items dropped) and the
 * checked elements are converted to the array (or, for a negative cardinality, the list) of the
 * type the metatype declares.
 */
final class ListValues {

    private ListValues() {
    }

    static boolean isList(AttributeDefinition definition) {
        return definition.getCardinality() != 0;
    }

    /** The elements of a value: the items of a comma-separated text, or of an array or collection. */
    static List<String> elements(Object value) {
        List<String> elements = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(String.valueOf(Array.get(value, i)).trim());
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(e -> elements.add(String.valueOf(e).trim()));
        } else {
            Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(elements::add);
        }
        return elements;
    }

    /** The checked elements as the metatype's array (or list) type. */
    static Object typed(AttributeDefinition definition, List<String> elements) {
        Class<?> type = javaType(definition.getType());
        Object array = Array.newInstance(type, elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Array.set(array, i, parse(definition.getType(), elements.get(i)));
        }
        if (definition.getCardinality() < 0) {
            return new Vector<>(Arrays.asList((Object[]) array));
        }
        return array;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    private static Object parse(int type, String element) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.valueOf(element);
            case AttributeDefinition.LONG -> Long.valueOf(element);
            case AttributeDefinition.SHORT -> Short.valueOf(element);
            case AttributeDefinition.BYTE -> Byte.valueOf(element);
            case AttributeDefinition.DOUBLE -> Double.valueOf(element);
            case AttributeDefinition.FLOAT -> Float.valueOf(element);
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(element);
            default -> element;
        };
    }
}
