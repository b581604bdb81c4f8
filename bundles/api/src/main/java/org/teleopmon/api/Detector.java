package org.teleopmon.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of evidence that the robot is being teleoperated.
 *
 * <p>Register an implementation as an OSGi service (a DS component: activate is the seed's
 * {@code start}, deactivate its {@code stop}). The engine calls {@link #detect()} on its tick to
 * age signals out; a detector that sees a change must not wait for the tick but push the new
 * signal to every {@link SignalListener} service at once.
 *
 * <p>Service property {@value #WEIGHT_PROPERTY} (integer, optional) is the default fusion weight.
 */
@ConsumerType
public interface Detector {

    /** Service property: the detector's default weight in the fusion, 0..100. */
    String WEIGHT_PROPERTY = "teleop.detector.weight";

    /** Stable, unique, lower-case name such as {@code zmq} or {@code webrtc}. */
    String name();

    /** The detector's current view. Must be cheap and must not block: it is called on a tick. */
    DetectorSignal detect();

    /** The detector's own health: can it observe what it is meant to observe? */
    default Health health() {
        return Health.ok();
    }
}
