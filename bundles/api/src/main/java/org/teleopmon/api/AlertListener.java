package org.teleopmon.api;

import org.osgi.annotation.versioning.ConsumerType;

/** The seed's alert callback: register as a service to be told of every {@link Alert}. */
@ConsumerType
public interface AlertListener {

    void onAlert(Alert alert);
}
