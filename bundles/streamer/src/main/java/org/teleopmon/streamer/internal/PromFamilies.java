package org.teleopmon.streamer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prometheus text format 0.0.4: samples grouped by family so each family gets exactly one HELP and
 * TYPE line, label values escaped, names sanitised.
 */
final class PromFamilies {

    private static final Pattern INVALID_NAME = Pattern.compile("[^a-zA-Z0-9_:]");
    private static final Pattern INVALID_LABEL = Pattern.compile("[^a-zA-Z0-9_]");

    private record Family(String type, String help, List<String> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Adds one sample; the first call for a family fixes its type and help. */
    PromFamilies add(String name, String type, String help, Map<String, String> labels, double value) {
        Family family = families.computeIfAbsent(name, n -> new Family(type, help, new ArrayList<>()));
        String line = name + labels(labels) + " " + number(value);
        if (!family.samples().contains(line)) {
            family.samples().add(line);
        }
        return this;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        families.forEach((name, family) -> {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            family.samples().forEach(s -> out.append(s).append('\n'));
        });
        return out.toString();
    }

    static String metricName(String raw) {
        String name = INVALID_NAME.matcher(raw).replaceAll("_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    static String labelName(String raw) {
        String name = INVALID_LABEL.matcher(raw).replaceAll("_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        return name.startsWith("__") ? "tag" + name : name;
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        labels.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(labelName(k)).append("=\"").append(escapeLabel(v)).append('"');
        });
        return out.append('}').toString();
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
