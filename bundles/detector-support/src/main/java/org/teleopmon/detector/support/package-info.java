/**
 * What every detector repeats, written once so that a new detector copies a shape and not a drift:
 * {@link org.teleopmon.detector.support.SignalFanOut} pushes a signal to every
 * {@link org.teleopmon.api.SignalListener} with a throwing listener isolated,
 * {@link org.teleopmon.detector.support.CaptureHealth} turns the capture service a detector depends
 * on into that detector's health (and says whether packets are being captured at all), {@link org.teleopmon.detector.support.PacketFailures} counts the
 * packets a detector failed on, and {@link org.teleopmon.detector.support.ProblemLog} logs a
 * recurring problem without flooding the log, and {@link org.teleopmon.detector.support.LocalAddresses}
 * tells the robot's own addresses from its peers', and {@link org.teleopmon.detector.support.CaptureClock}
 * keeps a detector's time in capture time (a replayed recording's, live the wall clock), and
 * {@link org.teleopmon.detector.support.Ticker} ticks fast only while something ages.
 *
 * <p>Custom detectors may use it too: depend on {@code teleopmon-detector-support} (scope provided)
 * and install the {@code teleop-detector-support} feature.
 */
@Export
@Version("1.2.0")
package org.teleopmon.detector.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
