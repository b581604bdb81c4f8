package org.teleopmon.metrics.command;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.teleopmon.api.MetricSummary;

/** The summaries as JSON, the shape the HTTP layer serves: NaN becomes null. */
final class Json {

    private Json() {
    }

    static String summaries(List<MetricSummary> summaries) {
        StringBuilder out = new StringBuilder("[");
        for (MetricSummary s : summaries) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"name\":").append(string(s.name())).append(",\"tags\":{");
            boolean first = true;
            for (Map.Entry<String, String> tag : new TreeMap<>(s.tags()).entrySet()) {
                out.append(first ? "" : ",").append(string(tag.getKey())).append(':').append(string(tag.getValue()));
                first = false;
            }
            out.append("},\"window_seconds\":").append(s.window().toSeconds()).append(",\"count\":").append(s.count());
            field(out, "min", s.min());
            field(out, "max", s.max());
            field(out, "mean", s.mean());
            field(out, "p50", s.p50());
            field(out, "p95", s.p95());
            field(out, "p99", s.p99());
            field(out, "last", s.last());
            field(out, "rate", s.rate());
            out.append('}');
        }
        return out.append(']').toString();
    }

    private static void field(StringBuilder out, String name, double value) {
        out.append(",\"").append(name).append("\":").append(Double.isFinite(value) ? Double.toString(value) : "null");
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
