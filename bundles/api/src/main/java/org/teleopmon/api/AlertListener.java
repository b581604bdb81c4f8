package org.teleopmon.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told of every {@link Alert}: register an implementation as a service. */
@ConsumerType
public interface AlertListener {

    void onAlert(Alert alert);
}
