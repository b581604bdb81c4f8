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

    /**
     * Whether packets are being captured: the service is there, healthy or degraded (some interfaces open), and
     * has at least one interface open. A detector that can observe otherwise (the kernel's socket table) falls
     * back to it while this is false: capture missing, refused (no libpcap, no permission) or switched off.
     */
    public static boolean capturing(CaptureService capture) {
        if (capture == null) {
            return false;
        }
        Health.Status status = capture.health().status();
        return (status == Health.Status.OK || status == Health.Status.WARN) && !capture.stats().interfaces().isEmpty();
    }
}
