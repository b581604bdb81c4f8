package org.teleopmon.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of evidence that the robot is being teleoperated.
 *
 * <p>Register an implementation as an OSGi service (a DS component: activation starts observing,
 * deactivation stops it and releases what it holds). The engine calls {@link #detect()} on its tick
 * to age signals out; a detector that sees a change must not wait for the tick but push the new
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

    /**
     * The detector's current view. Must be cheap and must not block: it is called on the engine's tick.
     *
     * <p>Return a view built for this call, with a fresh {@link DetectorSignal#timestamp()}. The engine
     * takes a view (polled or pushed) only when it differs from the one it holds and is not older;
     * returning the same signal again is "nothing new". A detector whose views stay not new for the
     * engine's {@code silence.timeout} (5 s by default, PID {@code org.teleopmon.engine}) while its
     * last view claims teleoperation or operators is reported silent and no longer counts in the
     * fusion until a fresh view arrives. A detector that only pushes must still rebuild its view
     * here, or it falls silent after that timeout.
     */
    DetectorSignal detect();

    /** The detector's own health: can it observe what it is meant to observe? */
    default Health health() {
        return Health.ok();
    }

    /**
     * What the detector follows now, one map per item (an input device, a connection, a call), for
     * people: {@code GET /detectors} shows them under the detector's {@code details}. Keys are
     * snake_case; values are strings, numbers, booleans, {@link java.time.Instant}s (written as epoch
     * seconds) or null. Must be cheap and must not block: it is called on HTTP threads. Empty by
     * default.
     */
    default List<Map<String, Object>> details() {
        return List.of();
    }
}
