package org.teleopmon.config.internal;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * A metatype attribute as bnd writes it for a component property type: {@code cardinality}
 * {@link Integer#MAX_VALUE} for an array, an integer range checked by {@link #validate}, and a
 * validator that declines (returns {@code null}) for other types, as Felix's does for some.
 */
record Definition(String id, int type, int cardinality, long min, long max) implements AttributeDefinition {

    static Definition integer(String id, long min, long max) {
        return new Definition(id, INTEGER, 0, min, max);
    }

    static Definition integers(String id, long min, long max) {
        return new Definition(id, INTEGER, Integer.MAX_VALUE, min, max);
    }

    static Definition of(String id, int type) {
        return new Definition(id, type, 0, 0, 0);
    }

    static Definition list(String id, int type) {
        return new Definition(id, type, Integer.MAX_VALUE, 0, 0);
    }

    @Override
    public String validate(String value) {
        if (type != INTEGER) {
            return null;
        }
        try {
            long v = Long.parseLong(value.trim());
            return v < min ? "Value is less than minimum " + min : v > max ? "Value is greater than maximum " + max : "";
        } catch (NumberFormatException e) {
            return "Value '" + value + "' is not an integer";
        }
    }

    @Override
    public String getName() {
        return id;
    }

    @Override
    public String getID() {
        return id;
    }

    @Override
    public String getDescription() {
        return "";
    }

    @Override
    public int getCardinality() {
        return cardinality;
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public String[] getOptionValues() {
        return null;
    }

    @Override
    public String[] getOptionLabels() {
        return null;
    }

    @Override
    public String[] getDefaultValue() {
        return null;
    }
}
