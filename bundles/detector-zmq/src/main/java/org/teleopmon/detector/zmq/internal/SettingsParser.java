package org.teleopmon.detector.zmq.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the typed configuration into {@link ZmqSettings}; entries it cannot use are reported, not fatal. */
final class SettingsParser {

    private final List<String> problems = new ArrayList<>();

    ZmqSettings parse(ZmqDetectorConfig c) {
        String type = "xle".equalsIgnoreCase(c.robot_type().trim()) ? "xle" : "lekiwi";
        if (!type.equalsIgnoreCase(c.robot_type().trim())) {
            problems.add("robot.type '" + c.robot_type() + "' is not lekiwi or xle; using lekiwi");
        }
        return new ZmqSettings(type, c.command_port(), c.observation_port(), ports(c.extra_ports()),
                names(c.operators()), c.peek_bytes(), c.max_frame_bytes(), c.max_command_bytes(),
                c.max_connections(), 256, c.reorder_bytes(), c.reorder_ms() * 1_000_000,
                c.window_ms() * 1_000_000, c.watchdog_ms() * 1_000_000, c.silence_timeout_ms() * 1_000_000,
                c.min_command_rate_hz());
    }

    List<String> problems() {
        return problems;
    }

    Set<Integer> ports(String list) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String item : list.split("[,\\s]+")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                int port = Integer.parseInt(item.trim());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                problems.add("extra.ports entry '" + item + "' is not a port 1..65535; ignored");
            }
        }
        return ports;
    }

    Map<String, String> names(String list) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                problems.add("operators entry '" + item.trim() + "' is not address=name; ignored");
                continue;
            }
            names.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return names;
    }
}
