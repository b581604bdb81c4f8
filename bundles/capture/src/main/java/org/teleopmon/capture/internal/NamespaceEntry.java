package org.teleopmon.capture.internal;

/**
 * Puts the capture thread into the configured network namespace before it lists an interface or
 * opens a handle, retrying with back-off. A handle keeps the namespace it was opened in, and
 * setns(2) moves only the calling thread, so the rest of the monitor stays where it is.
 */
final class NamespaceEntry {

    private final NetworkNamespace namespace;
    private final Backoff backoff;
    private final CaptureHealth health;
    private boolean entered;
    private long nextAttemptNanos;
    volatile int attempts;

    NamespaceEntry(CaptureSettings settings, CaptureHealth health) {
        this.namespace = settings.namespace();
        this.backoff = new Backoff(settings.retryInitial(), settings.retryMax());
        this.health = health;
        this.entered = namespace.isOwn();
    }

    /** True once the calling thread is in the namespace; on failure publishes why and waits before the next try. */
    boolean enter(long now) {
        if (entered) {
            return true;
        }
        if (now - nextAttemptNanos < 0) {
            return false;
        }
        attempts++;
        try {
            namespace.enter();
            entered = true;
            backoff.succeeded();
        } catch (PcapException e) {
            health.publish(e);
            nextAttemptNanos = now + backoff.failed();
        }
        return entered;
    }

    long untilNextAttempt(long now) {
        return Math.max(0, nextAttemptNanos - now);
    }
}
