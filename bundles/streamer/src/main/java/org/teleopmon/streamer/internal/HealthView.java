package org.teleopmon.streamer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.wire.Wire;

/** Health of every component and detector, in the Felix levels, and what it means for readiness. */
public final class HealthView {

    /** One checked thing: a component or a detector. */
    public record Check(String kind, String name, Health health) {
    }

    private final Sources sources;
    private final Supplier<Health> own;

    public HealthView(Sources sources, Supplier<Health> own) {
        this.sources = sources;
        this.own = own;
    }

    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("component", "streamer", own.get()));
        // one row per component name: two reporters of one name (a restarted bundle's old and new
        // service, briefly) show as one, the worse of the two
        Map<String, Check> byName = new java.util.LinkedHashMap<>();
        for (HealthReporter reporter : sources.reporters()) {
            Check check = guarded("component", reporter::component, reporter::health);
            byName.merge(check.name(), check, (a, b) -> a.health().status().worst(b.health().status())
                    == a.health().status() ? a : b);
        }
        byName.remove("streamer");
        List<Check> reported = new ArrayList<>(byName.values());
        // a component that reports its own health is listed once, with what it says
        if (reported.stream().noneMatch(c -> c.name().equals("engine"))) {
            checks.add(new Check("component", "engine", sources.monitor().isPresent() ? Health.ok()
                    : Health.unavailable("the engine (feature teleop-engine) is not running: no state to serve")));
        }
        if (reported.stream().noneMatch(c -> c.name().equals("metrics"))) {
            checks.add(new Check("component", "metrics", sources.metrics().isPresent() ? Health.ok()
                    : Health.warn("the metrics bundle is not running: no metric summaries or alerts")));
        }
        checks.addAll(reported);
        Map<String, Check> detectors = new TreeMap<>();
        for (Detector detector : sources.detectors()) {
            Check check = guarded("detector", detector::name, detector::health);
            detectors.put(check.name(), check);
        }
        sources.monitor().ifPresent(monitor -> engineVerdicts(monitor, detectors));
        if (detectors.isEmpty()) {
            checks.add(new Check("detector", "(none)", Health.warn("no detector is running: nothing can be detected")));
        }
        checks.addAll(detectors.values());
        return checks;
    }

    public static Health.Status overall(List<Check> checks) {
        return checks.stream().map(c -> c.health().status()).reduce(Health.Status.OK, Health.Status::worst);
    }

    /** Ready in the Kubernetes sense: the listener is up and the engine can answer. */
    public boolean ready() {
        return own.get().status().httpStatus() == 200 && sources.monitor().isPresent();
    }

    public static ObjectNode toJson(List<Check> checks) {
        ObjectNode node = Wire.object();
        Health.Status overall = overall(checks);
        node.put("status", overall.name());
        ArrayNode components = node.putArray("components");
        ArrayNode detectors = node.putArray("detectors");
        for (Check check : checks) {
            ObjectNode entry = Wire.object(check.health());
            entry.put("name", check.name());
            (check.kind().equals("detector") ? detectors : components).add(entry);
        }
        return node;
    }

    /** The engine knows more (a silent or throwing detector): its verdict wins where it is worse. */
    private static void engineVerdicts(TeleopMonitor monitor, Map<String, Check> detectors) {
        List<DetectorStatus> statuses;
        try {
            statuses = monitor.getDetectors();
        } catch (RuntimeException e) {
            return;
        }
        for (DetectorStatus status : statuses) {
            Health engine = status.health() == null ? Health.ok() : status.health();
            Check mine = detectors.get(status.name());
            if (mine == null || engine.status().worst(mine.health().status()) != mine.health().status()) {
                detectors.put(status.name(), new Check("detector", status.name(), engine));
            }
        }
    }

    private static Check guarded(String kind, Supplier<String> name, Supplier<Health> health) {
        String checked = "?";
        try {
            checked = name.get();
            Health result = health.get();
            return new Check(kind, checked, result == null ? Health.error("health() returned null") : result);
        } catch (RuntimeException e) {
            return new Check(kind, checked, Health.error("health check threw " + e.getClass().getSimpleName()
                    + ": " + Strings.clip(e.getMessage(), 200)));
        }
    }
}
