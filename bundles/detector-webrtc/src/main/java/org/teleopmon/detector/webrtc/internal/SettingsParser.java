package org.teleopmon.detector.webrtc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the typed configuration into {@link Settings}. A bad list entry is skipped and reported,
 * the rest is kept: one typo must not switch the detector off.
 */
final class SettingsParser {

    private final List<String> problems = new ArrayList<>();

    Settings parse(WebRtcDetectorConfig c) {
        return new Settings(ports("turn.ports", c.turn_ports()), ports("tcp.ports", c.tcp_ports()),
                c.window_ms() * 1_000_000, c.media_timeout_ms() * 1_000_000, c.call_idle_timeout_ms() * 1_000_000,
                c.max_flows(), c.max_streams_per_flow(), names(c.operators()));
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    Set<Integer> ports(String key, String text) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String item : split(text)) {
            try {
                int port = Integer.parseInt(item);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                problems.add(key + ": '" + item + "' is not a port 1..65535, skipped");
            }
        }
        return ports;
    }

    Map<String, String> names(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String item : split(text)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                problems.add("operators: '" + item + "' is not address=name, skipped");
            } else {
                names.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        return names;
    }

    static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }
}
