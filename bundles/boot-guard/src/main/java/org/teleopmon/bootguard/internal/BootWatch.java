package org.teleopmon.bootguard.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Waits for the boot to finish: the framework at its beginning start level and Karaf's boot features
 * installed (the features service registers {@code BootFinished}). Event-driven; one thread that sleeps
 * until either happens or the bound passes, then calls {@code onTimeout} with what was reached.
 */
final class BootWatch implements FrameworkListener, ServiceListener {

    /** Karaf's features service registers this once the boot features are installed. */
    static final String BOOT_FINISHED = "(objectClass=org.apache.karaf.features.BootFinished)";

    interface Outcome {
        void finished(Duration took);

        void timedOut(String what);
    }

    private final BundleContext context;
    private final int beginningLevel;
    private final CountDownLatch levelReached = new CountDownLatch(1);
    private final CountDownLatch featuresInstalled = new CountDownLatch(1);
    private final long startedNanos = System.nanoTime();
    private Thread thread;

    BootWatch(BundleContext context, int beginningLevel) {
        this.context = context;
        this.beginningLevel = beginningLevel;
    }

    void start(Duration bound, Outcome outcome) throws InvalidSyntaxException {
        context.addFrameworkListener(this);
        context.addServiceListener(this, BOOT_FINISHED);
        checkLevel();
        if (context.getServiceReferences((String) null, BOOT_FINISHED) != null) {
            featuresInstalled.countDown();
        }
        thread = new Thread(() -> watch(bound, outcome), "teleop-boot-guard");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        context.removeFrameworkListener(this);
        context.removeServiceListener(this);
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED) {
            checkLevel();
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            featuresInstalled.countDown();
        }
    }

    private void checkLevel() {
        if (level() >= beginningLevel) {
            levelReached.countDown();
        }
    }

    private int level() {
        FrameworkStartLevel startLevel = context.getBundle(0).adapt(FrameworkStartLevel.class);
        return startLevel == null ? 0 : startLevel.getStartLevel();
    }

    private void watch(Duration bound, Outcome outcome) {
        long deadline = startedNanos + bound.toNanos();
        try {
            if (await(levelReached, deadline) && await(featuresInstalled, deadline)) {
                outcome.finished(Duration.ofNanos(System.nanoTime() - startedNanos));
                return;
            }
        } catch (InterruptedException e) {
            return; // the guard is stopping
        }
        outcome.timedOut("start level " + level() + " of " + beginningLevel + ", boot features "
                + (featuresInstalled.getCount() == 0 ? "installed" : "not installed"));
    }

    private static boolean await(CountDownLatch latch, long deadlineNanos) throws InterruptedException {
        return latch.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
