/**
 * The Teleop Monitor API: the only vocabulary bundles share.
 *
 * <p>Detectors publish {@link org.teleopmon.api.Detector} services and push
 * {@link org.teleopmon.api.DetectorSignal}s to every {@link org.teleopmon.api.SignalListener}
 * the moment their view changes. The engine fuses them into a {@link org.teleopmon.api.TeleopState}
 * and publishes {@link org.teleopmon.api.TeleopEvent}s to {@link org.teleopmon.api.TeleopEventListener}s.
 * High-rate telemetry never crosses this API; only aggregates do.
 */
@Export
@Version("2.3.0")
package org.teleopmon.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
