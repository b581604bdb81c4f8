package org.teleopmon.ledger.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.MonitorStats;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;

/** The engine's answers as a test sets them: its state, its detectors' verdicts, its sessions. */
final class RunningEngine implements TeleopMonitor {

    volatile TeleopState state;
    volatile boolean detectorActive = true;
    volatile List<SessionRecord> sessions = List.of();

    @Override
    public TeleopState getState() {
        return state;
    }

    @Override
    public MonitorStats getStats() {
        return new MonitorStats(0, 0, Duration.ZERO, Map.of(), sessions.size());
    }

    @Override
    public List<DetectorStatus> getDetectors() {
        return List.of(new DetectorStatus("zmq", detectorActive, detectorActive ? 90 : 0, 90, Health.ok(),
                state.timestamp(), 1, ""));
    }

    @Override
    public List<SessionRecord> getSessions() {
        return sessions;
    }
}
