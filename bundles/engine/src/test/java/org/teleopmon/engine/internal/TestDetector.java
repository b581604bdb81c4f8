package org.teleopmon.engine.internal;

import java.util.function.Supplier;

import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Health;

/** A detector made of lambdas, for tests and the benchmark. */
final class TestDetector implements Detector {

    private final String name;
    private final Supplier<DetectorSignal> detect;
    private final Supplier<Health> health;

    TestDetector(String name, Supplier<DetectorSignal> detect, Supplier<Health> health) {
        this.name = name;
        this.detect = detect;
        this.health = health;
    }

    TestDetector(String name, Supplier<DetectorSignal> detect) {
        this(name, detect, Health::ok);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DetectorSignal detect() {
        return detect.get();
    }

    @Override
    public Health health() {
        return health.get();
    }
}
