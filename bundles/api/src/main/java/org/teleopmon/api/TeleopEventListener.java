package org.teleopmon.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard for low-rate events: register as a service to receive every {@link TeleopEvent}.
 * Publishers deliver on their own dispatch thread, in order; a listener that blocks delays
 * the others, so hand slow work to your own executor.
 */
@ConsumerType
public interface TeleopEventListener {

    void onEvent(TeleopEvent event);
}
