package org.teleopmon.detector.support;

import org.teleopmon.api.Health;
import org.teleopmon.api.capture.CaptureService;

/** A packet detector's health as far as its packets go: it sees nothing while the capture does not run. */
public final class CaptureHealth {

    private CaptureHealth() {
    }

    /**
     * {@link Health#ok()} when the capture service is there and healthy; otherwise the reason the
     * detector is blind, with the fix. {@code detector} names it, such as {@code "the ZMQ detector"}.
     * The service may be {@code null}: detectors reference it optionally so that they start without it.
     */
    public static Health of(CaptureService capture, String detector) {
        if (capture == null) {
            return Health.unavailable("no capture service: " + detector + " sees no packets "
                    + "(install it in the shell: feature:install teleop-capture)");
        }
        Health health = capture.health();
        return health.isOk() ? Health.ok() : new Health(health.status(), "capture: " + health.message());
    }
}
