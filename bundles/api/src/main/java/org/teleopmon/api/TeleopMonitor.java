package org.teleopmon.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The engine's answer, for sinks, the shell and the HTTP layer. */
@ProviderType
public interface TeleopMonitor {

    TeleopState getState();

    MonitorStats getStats();

    /** Every detector the engine currently consumes, sorted by name. */
    List<DetectorStatus> getDetectors();

    /** Recent sessions, newest first; the open session, if any, comes first. */
    List<SessionRecord> getSessions();
}
