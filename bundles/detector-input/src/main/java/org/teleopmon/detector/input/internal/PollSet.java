package org.teleopmon.detector.input.internal;

import com.sun.jna.Memory;

/** A {@code struct pollfd} array for poll(2), rebuilt only when the set of open nodes changes. */
final class PollSet {

    private static final int POLLFD_SIZE = 8;

    private Memory fds = new Memory(16L * POLLFD_SIZE);
    private int count;

    void clear() {
        count = 0;
    }

    /** Adds a descriptor waiting for input; returns its index. */
    int add(int fd) {
        if (fds.size() < (long) (count + 1) * POLLFD_SIZE) {
            Memory bigger = new Memory(fds.size() * 2);
            bigger.write(0, fds.getByteArray(0, count * POLLFD_SIZE), 0, count * POLLFD_SIZE);
            fds = bigger;
        }
        long at = (long) count * POLLFD_SIZE;
        fds.setInt(at, fd);
        fds.setShort(at + 4, LibC.POLLIN);
        fds.setShort(at + 6, (short) 0);
        return count++;
    }

    int count() {
        return count;
    }

    /** Waits for input on any descriptor; the number ready, 0 on timeout, -1 on error. */
    int await(int timeoutMillis) {
        return LibC.poll(fds, count, timeoutMillis);
    }

    /** The events poll(2) returned for a descriptor. */
    short revents(int index) {
        return fds.getShort((long) index * POLLFD_SIZE + 6);
    }
}
