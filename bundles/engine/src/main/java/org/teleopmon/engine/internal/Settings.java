package org.teleopmon.engine.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/** The engine's configuration, checked and converted once; invalid parts are listed in {@link #problems()}. */
record Settings(String robotType, int threshold, int lowerThreshold, Duration holdTime, Duration detectionInterval,
        Duration updateInterval, Duration silenceTimeout, Map<String, Integer> weights, int sessionHistory,
        Duration stallThreshold, Duration videoStallThreshold, List<String> problems) {

    static final int DEFAULT_WEIGHT = 50;
    /** The LeKiwi and XLeRobot base watchdog: no command for this long and the wheels stop. */
    static final Duration DEFAULT_STALL_THRESHOLD = Duration.ofMillis(500);
    static final Duration DEFAULT_VIDEO_STALL_THRESHOLD = Duration.ofSeconds(1);

    /** Settings with the default stall thresholds. */
    Settings(String robotType, int threshold, int lowerThreshold, Duration holdTime, Duration detectionInterval,
            Duration updateInterval, Duration silenceTimeout, Map<String, Integer> weights, int sessionHistory,
            List<String> problems) {
        this(robotType, threshold, lowerThreshold, holdTime, detectionInterval, updateInterval, silenceTimeout, weights,
                sessionHistory, DEFAULT_STALL_THRESHOLD, DEFAULT_VIDEO_STALL_THRESHOLD, problems);
    }

    static Settings defaults() {
        return new Settings("lekiwi", 70, 40, Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(5), Map.of(), 100, List.of());
    }

    static Settings from(EngineConfig config) {
        List<String> problems = new java.util.ArrayList<>();
        int threshold = clamp(config.confidence_threshold(), 1, 100);
        int lower = clamp(config.lower_threshold(), 0, 100);
        if (lower > threshold) {
            problems.add("lower.threshold " + lower + " is above confidence.threshold " + threshold
                    + "; using " + threshold);
            lower = threshold;
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String entry : entries(config.detector_weights())) {
            int eq = entry.indexOf('=');
            OptionalInt weight = eq > 0 ? parseWeight(entry.substring(eq + 1)) : OptionalInt.empty();
            if (weight.isEmpty()) {
                problems.add("detector.weights entry '" + entry + "' is not name=weight with weight 0..100; ignored");
            } else {
                weights.put(entry.substring(0, eq).trim(), weight.getAsInt());
            }
        }
        String robotType = config.robot_type() == null || config.robot_type().isBlank() ? "lekiwi"
                : config.robot_type().trim();
        return new Settings(robotType, threshold, lower, seconds(config.hold_time(), 0),
                seconds(config.detection_interval(), 0.01), seconds(config.update_interval(), 0.05),
                seconds(config.silence_timeout(), 0.1), Map.copyOf(weights),
                Math.max(1, config.session_history()), seconds(config.stall_threshold(), 0.01),
                seconds(config.video_stall_threshold(), 0.01), List.copyOf(problems));
    }

    /** The weight in force: configured, else the service property, else {@value #DEFAULT_WEIGHT}. */
    int weightOf(String detector, Integer fromProperty) {
        Integer configured = weights.get(detector);
        return configured != null ? configured : Objects.requireNonNullElse(fromProperty, DEFAULT_WEIGHT);
    }

    private static List<String> entries(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).filter(Objects::nonNull).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    static OptionalInt parseWeight(Object value) {
        try {
            int weight = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
            return weight < 0 || weight > 100 ? OptionalInt.empty() : OptionalInt.of(weight);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Duration seconds(double value, double min) {
        double safe = Double.isFinite(value) ? Math.max(min, value) : min;
        return Duration.ofNanos(Math.round(safe * 1e9));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
