package org.teleopmon.capture.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** poll(2) over the handles' selectable descriptors, so one thread serves every interface. */
final class Poller {

    private static final int POLLFD_SIZE = 8;
    private static final short POLLIN = 1;
    private static volatile boolean loaded;

    private Memory fds = new Memory(POLLFD_SIZE);
    private int count;

    static synchronized void load() {
        if (!loaded) {
            Native.register(Poller.class, NativeLibrary.getInstance("c"));
            loaded = true;
        }
    }

    private static native int poll(Pointer fds, int nfds, int timeoutMs);

    /** Replaces the watched descriptors; called only when the set of open handles changes. */
    void watch(int[] descriptors, int n) {
        if (fds.size() < (long) n * POLLFD_SIZE) {
            fds = new Memory((long) n * POLLFD_SIZE);
        }
        for (int i = 0; i < n; i++) {
            fds.setInt((long) i * POLLFD_SIZE, descriptors[i]);
            fds.setShort((long) i * POLLFD_SIZE + 4, POLLIN);
            fds.setShort((long) i * POLLFD_SIZE + 6, (short) 0);
        }
        count = n;
    }

    /** Waits for any descriptor to become readable; returns how many are, 0 on timeout. */
    int await(int timeoutMs) {
        return count == 0 ? 0 : Math.max(0, poll(fds, count, timeoutMs));
    }

    boolean ready(int index) {
        return fds.getShort((long) index * POLLFD_SIZE + 6) != 0;
    }
}
