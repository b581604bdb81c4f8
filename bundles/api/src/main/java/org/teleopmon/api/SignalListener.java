package org.teleopmon.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives detector signals the moment they change. The engine registers one as a service;
 * detectors reference all of them dynamically ({@code cardinality = MULTIPLE, policy = DYNAMIC}).
 *
 * <p>Implementations return quickly and never throw: they may be called on a capture thread.
 */
@ProviderType
public interface SignalListener {

    void signalChanged(DetectorSignal signal);
}
