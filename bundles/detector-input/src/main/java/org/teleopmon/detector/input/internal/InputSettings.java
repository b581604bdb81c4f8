package org.teleopmon.detector.input.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration in the units the code uses.
 *
 * @param problems what was wrong with the configured key sets, for the log
 */
record InputSettings(Path root, ControlState.Timing timing, TeleopKeys keys, Set<String> ignore, long rescanNanos,
        long consumerRescanNanos, List<String> problems) {

    static final InputSettings DEFAULTS = of("/", 0.2, 1.5, 0.5, 1.0, 30,
            new String[] {"w", "s", "a", "d", "z", "x", "r", "f"}, new String[] {"i", "k", "j", "l", "u", "o", "n", "m"},
            new String[0], 10, 30);

    static InputSettings from(InputDetectorConfig c) {
        return of(c.root(), c.dead_zone(), c.idle_timeout(), c.min_active(), c.key_hold(), c.max_hold(),
                c.keys_lekiwi(), c.keys_xle(), c.ignore(), c.rescan(), c.consumer_rescan());
    }

    static InputSettings of(String root, double deadZone, double idle, double minActive, double keyHold,
            double maxHold, String[] lekiwi, String[] xle, String[] ignore, double rescan, double consumerRescan) {
        List<String> problems = new ArrayList<>();
        TeleopKeys keys = TeleopKeys.of(List.of("lekiwi", "xle"), List.of(nonNull(lekiwi), nonNull(xle)), problems);
        Set<String> ignored = Stream.of(nonNull(ignore)).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new InputSettings(Path.of(root == null || root.isBlank() ? "/" : root),
                new ControlState.Timing(deadZone, nanos(idle), nanos(minActive), nanos(keyHold), nanos(maxHold)), keys,
                ignored, nanos(rescan), nanos(consumerRescan), List.copyOf(problems));
    }

    /** Whether the configuration says to leave this device alone. */
    boolean ignores(DeviceInfo device) {
        if (ignore.isEmpty()) {
            return false;
        }
        for (Path node : device.nodes()) {
            if (ignore.contains(node.getFileName().toString().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return ignore.contains(device.name().toLowerCase(Locale.ROOT)) || ignore.contains(device.vendorProduct())
                || !device.uniq().isEmpty() && ignore.contains(device.uniq().toLowerCase(Locale.ROOT));
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    private static String[] nonNull(String[] values) {
        return values == null ? new String[0] : values;
    }
}
