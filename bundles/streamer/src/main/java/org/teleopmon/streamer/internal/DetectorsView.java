package org.teleopmon.streamer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.wire.Wire;

/**
 * Every detector as clients see it ({@code GET /detectors}, {@code /detectors/{name}} and the
 * {@code detector_update} topic): the engine's status with the latest measurements, and one page of
 * the rows the detector service follows. Without the engine: each detector service's own health.
 */
final class DetectorsView {

    /** A page of rows: where it starts and how many it holds at most. */
    record Page(long offset, int limit) {
    }

    private final Sources sources;
    private final HealthView health;

    DetectorsView(Sources sources, HealthView health) {
        this.sources = sources;
        this.health = health;
    }

    /** Every detector, sorted by name, each with the given page of its rows. */
    List<ObjectNode> all(Page page) {
        List<ObjectNode> entries = new ArrayList<>();
        Optional<TeleopMonitor> monitor = sources.monitor();
        if (monitor.isPresent()) {
            monitor.get().getDetectors().forEach(status -> entries.add(entry(status, page)));
        } else {
            serviceChecks().forEach(check -> entries.add(entry(check, page)));
        }
        return entries;
    }

    /** One detector by name, or empty when there is no detector of that name. */
    Optional<ObjectNode> one(String name, Page page) {
        Optional<TeleopMonitor> monitor = sources.monitor();
        if (monitor.isPresent()) {
            return monitor.get().getDetectors().stream().filter(s -> s.name().equals(name)).findFirst()
                    .map(status -> entry(status, page));
        }
        return serviceChecks().stream().filter(c -> c.name().equals(name)).findFirst().map(c -> entry(c, page));
    }

    /** The detectors' names, for the answer to an unknown one. */
    List<String> names() {
        return sources.monitor().map(m -> m.getDetectors().stream().map(DetectorStatus::name).toList())
                .orElseGet(() -> serviceChecks().stream().map(HealthView.Check::name).toList());
    }

    /** Without the engine: the health check of each detector service (none when there is no service). */
    private List<HealthView.Check> serviceChecks() {
        if (sources.detectors().isEmpty()) {
            return List.of();
        }
        return health.checks().stream().filter(c -> c.kind().equals("detector")).toList();
    }

    private ObjectNode entry(HealthView.Check check, Page page) {
        return rows(check.name(), page, (rows, total) -> Wire.detector(check.name(), check.health(), rows, total));
    }

    private ObjectNode entry(DetectorStatus status, Page page) {
        return rows(status.name(), page, (rows, total) -> Wire.detector(status, rows, total));
    }

    private interface EntryOf {
        ObjectNode build(List<Map<String, Object>> rows, long total);
    }

    /** The entry with the page of the service's rows; a throwing {@code details()} is said, not fatal. */
    private ObjectNode rows(String name, Page page, EntryOf entryOf) {
        List<Map<String, Object>> rows = List.of();
        RuntimeException failure = null;
        for (Detector detector : sources.detectors()) {
            if (detector.name().equals(name)) {
                try {
                    List<Map<String, Object>> given = detector.details();
                    rows = given == null ? List.of() : given;
                } catch (RuntimeException e) {
                    failure = e;
                }
                break;
            }
        }
        int from = (int) Math.min(page.offset(), rows.size());
        int to = (int) Math.min((long) from + page.limit(), rows.size());
        ObjectNode entry = entryOf.build(rows.subList(from, to), rows.size());
        return failure == null ? entry : Wire.detectorRowsFailed(entry, failure);
    }
}
