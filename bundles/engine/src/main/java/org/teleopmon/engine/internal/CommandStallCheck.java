package org.teleopmon.engine.internal;

import java.util.Locale;

import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopState;

/**
 * The {@code command_stall} alert: fires while a command stall is in progress in the open session, so
 * that it goes the way of every alert (history, silences, cooldown, sinks) through the metrics bundle.
 * The subject is the detector that sees the gap; the value the gap so far, milliseconds.
 */
final class CommandStallCheck implements AlertCheck {

    static final String NAME = "command_stall";

    private final Correlator correlator;

    CommandStallCheck(Correlator correlator) {
        this.correlator = correlator;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(MetricsCollector metrics, TeleopState state) {
        StallWatch.InProgress stall = correlator.commandStall();
        if (stall == null) {
            return Result.ok();
        }
        double ms = stall.gap().toNanos() / 1e6;
        return new Result(true, Severity.WARNING, stall.detector(), ms, String.format(Locale.ROOT,
                "no operator command for %.0f ms (seen by %s): the robot's base watchdog has stopped it", ms,
                stall.detector()));
    }
}
