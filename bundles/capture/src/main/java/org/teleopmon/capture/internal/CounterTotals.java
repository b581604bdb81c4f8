package org.teleopmon.capture.internal;

import java.util.List;

import org.teleopmon.api.capture.CaptureStats;

/** Kernel and interface counters of capture threads that have ended, so the totals survive listener churn. */
final class CounterTotals {

    private long received;
    private long droppedKernel;
    private long droppedInterface;

    void keep(List<InterfaceCapture> interfaces) {
        for (InterfaceCapture capture : interfaces) {
            received += capture.received;
            droppedKernel += capture.droppedKernel;
            droppedInterface += capture.droppedInterface;
        }
    }

    CaptureStats stats(List<InterfaceCapture> live, Dispatcher dispatcher, String filter, String netns) {
        long rx = received;
        long drops = droppedKernel;
        long ifDrops = droppedInterface;
        for (InterfaceCapture capture : live) {
            rx += capture.received;
            drops += capture.droppedKernel;
            ifDrops += capture.droppedInterface;
        }
        List<String> open = live.stream().filter(c -> c.open).map(c -> c.name).toList();
        return new CaptureStats(open, rx, drops, ifDrops, dispatcher.dispatched.sum(), dispatcher.undecodable.sum(),
                dispatcher.listenerErrors.sum(), filter, netns);
    }
}
