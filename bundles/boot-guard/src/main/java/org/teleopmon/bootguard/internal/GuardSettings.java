package org.teleopmon.bootguard.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The guard's bounds, read from framework properties (etc/system.properties or -D): seconds, decimals
 * allowed, {@code 0} turns a guard off. A bad value keeps the default and is reported once.
 *
 * @param bootTimeout   how long the framework may take to reach its final start level with the boot
 *                      features installed
 * @param stopTimeout   how long a stop (SIGTERM, bin/stop, shutdown) may take before the JVM is halted
 * @param beginningLevel the start level the framework is meant to reach
 * @param reportDir     where the thread dump of a timeout is written
 * @param problems      what was wrong with the properties, one line each
 */
record GuardSettings(Duration bootTimeout, Duration stopTimeout, int beginningLevel, Path reportDir,
        List<String> problems) {

    static final String BOOT_TIMEOUT = "teleop.boot.timeout";
    static final String STOP_TIMEOUT = "teleop.stop.timeout";
    static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofSeconds(120);
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    static GuardSettings from(UnaryOperator<String> properties) {
        List<String> problems = new ArrayList<>();
        Duration boot = seconds(properties, BOOT_TIMEOUT, DEFAULT_BOOT_TIMEOUT, problems);
        Duration stop = seconds(properties, STOP_TIMEOUT, DEFAULT_STOP_TIMEOUT, problems);
        int level = 100;
        String beginning = properties.apply("org.osgi.framework.startlevel.beginning");
        if (beginning != null) {
            try {
                level = Integer.parseInt(beginning.trim());
            } catch (NumberFormatException e) {
                problems.add("org.osgi.framework.startlevel.beginning = '" + beginning + "' is not a number; "
                        + "waiting for start level " + level);
            }
        }
        String logDir = properties.apply("karaf.log");
        Path reports = logDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(logDir);
        return new GuardSettings(boot, stop, level, reports, List.copyOf(problems));
    }

    private static Duration seconds(UnaryOperator<String> properties, String key, Duration fallback,
            List<String> problems) {
        String value = properties.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds >= 0 && seconds <= 86_400) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " = '" + value + "' is not a number of seconds from 0 to 86400; using "
                + fallback.toSeconds() + " (set it in etc/system.properties)");
        return fallback;
    }
}
