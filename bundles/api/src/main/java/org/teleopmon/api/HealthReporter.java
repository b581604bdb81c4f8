package org.teleopmon.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component that reports its health (capture, streamer, shm, ...). Registered as a service;
 * the health endpoint and shell gather all of them along with every {@link Detector}.
 */
@ConsumerType
public interface HealthReporter {

    /** Short component name, such as {@code capture}. */
    String component();

    Health health();
}
