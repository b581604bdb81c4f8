package org.teleopmon.streamer.internal;

import java.util.List;
import java.util.Set;

import org.eclipse.jetty.util.Fields;

/** Strict query parameters: unknown names, repeats and bad values are the client's error (400). */
final class Query {

    private final Fields fields;

    Query(Fields fields, Set<String> allowed) {
        this.fields = fields;
        for (String name : fields.getNames()) {
            if (!allowed.contains(name) && !"access_token".equals(name)) {
                throw new BadQuery("unknown query parameter \"" + Strings.clip(name, 40) + "\"; allowed: "
                        + (allowed.isEmpty() ? "none" : allowed));
            }
            List<String> values = fields.getValues(name);
            if (values.size() > 1) {
                throw new BadQuery("query parameter \"" + name + "\" given more than once");
            }
        }
    }

    String value(String name) {
        Fields.Field field = fields.get(name);
        return field == null ? null : field.getValue();
    }

    /** A flag such as {@code ?verbose}: present without a value, or true/false/1/0. */
    boolean flag(String name) {
        if (fields.get(name) == null) {
            return false;
        }
        String value = value(name);
        return switch (value == null ? "" : value) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadQuery("\"" + name + "\" must be true or false, not \"" + Strings.clip(value, 40) + "\"");
        };
    }

    int intValue(String name, int fallback, int min, int max) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new BadQuery("\"" + name + "\" must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadQuery("\"" + name + "\" must be an integer, not \"" + Strings.clip(value, 40) + "\"");
        }
    }

    long longValue(String name, long fallback) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new BadQuery("\"" + name + "\" must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadQuery("\"" + name + "\" must be an integer, not \"" + Strings.clip(value, 40) + "\"");
        }
    }
}
