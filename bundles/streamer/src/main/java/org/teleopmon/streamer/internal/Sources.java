package org.teleopmon.streamer.internal;

import java.util.List;
import java.util.Optional;

import org.teleopmon.api.AlertService;
import org.teleopmon.api.Detector;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.usage.UsageLedger;

/** What the streamer reads from the rest of the monitor; each part may be missing at any time. */
public interface Sources {

    Optional<TeleopMonitor> monitor();

    Optional<MetricsCollector> metrics();

    Optional<AlertService> alerts();

    /** The usage ledger; without it sessions come from the engine's memory. */
    Optional<UsageLedger> ledger();

    List<Detector> detectors();

    List<HealthReporter> reporters();

    default Optional<RobotIdentity> robot() {
        return Optional.empty();
    }
}
