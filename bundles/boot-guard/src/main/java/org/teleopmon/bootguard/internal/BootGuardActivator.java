package org.teleopmon.bootguard.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Started with the framework (start level 1, before anything that a boot could refresh): turns a boot
 * that never finishes and a stop that never ends into a clear message, a thread dump and a non-zero
 * exit, so that a supervisor such as systemd restarts the monitor instead of leaving it hung.
 * A plain activator, not DS: SCR is itself installed by the boot this guards.
 */
public final class BootGuardActivator implements BundleActivator, SynchronousBundleListener {

    /** Exit status when the boot does not finish in time (EX_SOFTWARE). */
    static final int BOOT_TIMEOUT_STATUS = 70;
    /** Exit status when a stop does not finish in time. */
    static final int STOP_TIMEOUT_STATUS = 71;

    private final IntConsumer halt;
    private BootWatch boot;
    private StopGuard stop;

    public BootGuardActivator() {
        this(status -> Runtime.getRuntime().halt(status));
    }

    BootGuardActivator(IntConsumer halt) {
        this.halt = halt;
    }

    @Override
    public void start(BundleContext bundleContext) throws Exception {
        // System properties first: Karaf launches the framework at its lock level (1) and keeps the real
        // beginning start level (100) only there; etc/system.properties lands there too.
        GuardSettings settings = GuardSettings.from(key -> {
            String value = System.getProperty(key);
            return value != null ? value : bundleContext.getProperty(key);
        });
        Report report = new Report(settings.reportDir());
        settings.problems().forEach(report::warn);

        if (!settings.stopTimeout().isZero()) {
            stop = new StopGuard(settings.stopTimeout(), () -> {
                report.failure("stop-guard", "the monitor did not stop within " + seconds(settings.stopTimeout())
                        + " of the stop request; halting the JVM with status " + STOP_TIMEOUT_STATUS
                        + " (bound: " + GuardSettings.STOP_TIMEOUT + " in etc/system.properties).");
                halt.accept(STOP_TIMEOUT_STATUS);
            });
            stop.install();
            bundleContext.addBundleListener(this);
        }
        if (!settings.bootTimeout().isZero()) {
            boot = new BootWatch(bundleContext, settings.beginningLevel());
            boot.start(settings.bootTimeout(), new BootWatch.Outcome() {
                @Override
                public void finished(Duration took) {
                    report.info("Boot finished in " + seconds(took) + " (bound " + seconds(settings.bootTimeout()) + ")");
                }

                @Override
                public void timedOut(String what) {
                    report.failure("boot-guard", "the OSGi framework did not finish booting within "
                            + seconds(settings.bootTimeout()) + " (" + what + "); exiting with status "
                            + BOOT_TIMEOUT_STATUS + " so that a supervisor restarts the monitor "
                            + "(systemd: Restart=on-failure). On a slow machine raise "
                            + GuardSettings.BOOT_TIMEOUT + " in etc/system.properties.");
                    halt.accept(BOOT_TIMEOUT_STATUS);
                }
            });
        }
    }

    @Override
    public void stop(BundleContext bundleContext) {
        bundleContext.removeBundleListener(this);
        if (boot != null) {
            boot.stop();
        }
        if (stop != null) {
            stop.disarm();
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            stop.arm();
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
