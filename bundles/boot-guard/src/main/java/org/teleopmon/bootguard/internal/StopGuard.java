package org.teleopmon.bootguard.internal;

import java.time.Duration;

/**
 * Bounds a stop. Armed by a JVM shutdown hook (SIGTERM) and when the framework starts stopping
 * (bin/stop, the shutdown command); a daemon thread halts the JVM if it is still there when the bound
 * passes. A daemon never holds the JVM up: a stop that finishes in time simply ends it. Disarmed when
 * the framework stopped in time without the JVM exiting (a restart in the same JVM).
 */
final class StopGuard {

    private final Duration bound;
    private final Runnable onTimeout;
    private final Thread hook = new Thread(this::arm, "teleop-stop-guard-hook");
    private volatile Thread timer;
    private volatile boolean jvmExiting;

    StopGuard(Duration bound, Runnable onTimeout) {
        this.bound = bound;
        this.onTimeout = onTimeout;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The framework is stopping; also run by the shutdown hook. */
    synchronized void arm() {
        if (Thread.currentThread() == hook) {
            jvmExiting = true;
        }
        if (timer != null) {
            return;
        }
        Thread t = new Thread(this::countDown, "teleop-stop-guard");
        t.setDaemon(true);
        timer = t;
        t.start();
    }

    /** The framework stopped (this bundle is among the last to stop). */
    synchronized void disarm() {
        if (jvmExiting) {
            return; // the JVM is going anyway; keep bounding whatever runs after the framework
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        if (timer != null) {
            timer.interrupt();
            timer = null;
        }
    }

    private void countDown() {
        try {
            Thread.sleep(bound.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        onTimeout.run();
    }
}
