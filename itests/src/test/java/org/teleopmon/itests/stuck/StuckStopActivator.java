package org.teleopmon.itests.stuck;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A bundle whose stop never returns: the kind of bug that used to keep a stopping monitor alive forever. */
public class StuckStopActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
