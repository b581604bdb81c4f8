package org.teleopmon.streamer.internal;

import java.util.Locale;

/**
 * Series names in the monitor's units ({@code latency_ms}, {@code bandwidth_mbps}) as Prometheus
 * names in base units ({@code latency_seconds}, {@code bandwidth_bytes_per_second}) with the factor.
 */
record BaseUnits(String name, double factor) {

    private static final String[][] SUFFIXES = {
        {"_per_s", "_per_second", "1"},
        {"_ms", "_seconds", "0.001"},
        {"_us", "_seconds", "0.000001"},
        {"_s", "_seconds", "1"},
        // Prometheus' base unit for data is the byte (promtool lints "bits"): 1 Mbit/s = 125000 B/s
        {"_mbps", "_bytes_per_second", "125000"},
        {"_kbps", "_bytes_per_second", "125"},
        {"_bps", "_bytes_per_second", "0.125"},
        {"_percent", "_ratio", "0.01"},
        {"_pct", "_ratio", "0.01"},
        {"_hz", "_hertz", "1"},
        {"_kb", "_bytes", "1024"},
        {"_mb", "_bytes", "1048576"},
    };

    static BaseUnits of(String series) {
        String lower = series.toLowerCase(Locale.ROOT);
        for (String[] suffix : SUFFIXES) {
            if (lower.endsWith(suffix[0])) {
                String stem = lower.substring(0, lower.length() - suffix[0].length());
                return new BaseUnits(PromFamilies.metricName(stem + suffix[1]), Double.parseDouble(suffix[2]));
            }
        }
        return new BaseUnits(PromFamilies.metricName(lower), 1);
    }

    double convert(double value) {
        return value * factor;
    }
}
