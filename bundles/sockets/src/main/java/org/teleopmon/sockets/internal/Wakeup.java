package org.teleopmon.sockets.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

/**
 * What the poll thread waits on between two readings: the end of its period, a wake-up from another thread
 * (a listener came or went, a session started), or the kernel's notice that a watched TCP connection is gone.
 *
 * <p>The notice is the sock_diag socket-destroy multicast ({@code SKNLGRP_INET_TCP_DESTROY} and
 * {@code SKNLGRP_INET6_TCP_DESTROY}), which any user may join: the kernel sends the last {@code inet_diag_msg}
 * of every TCP socket it frees in this network namespace. A connection whose both ends have closed is freed at
 * once, so a session's end is read within a millisecond of the close instead of up to a period later, without
 * reading the table more often. A connection that stays half-closed (CLOSE_WAIT, FIN_WAIT2) is not freed: the
 * next reading sees its state.
 *
 * <p>The waiting is one poll(2) on that socket and an eventfd (the wake-ups), so an idle table costs nothing
 * between its readings. Where the eventfd is refused, a Java monitor and the period do the waiting; where the
 * group is refused, {@link #problem()} says what is lost. Single waiter (the poll thread); {@link #wake()} from
 * any thread.
 */
final class Wakeup implements AutoCloseable {

    /** Why {@link #await} returned. */
    enum Outcome {
        PERIOD_OVER, WOKEN, WATCHED_SOCKET_GONE
    }

    /** Which destroyed sockets are worth a reading now, by the kernel's socket cookie. */
    @FunctionalInterface
    interface Watched {
        boolean socket(long cookie);
    }

    /** Bit {@code group - 1} of {@code SKNLGRP_INET_TCP_DESTROY} (1) and {@code SKNLGRP_INET6_TCP_DESTROY} (3). */
    static final int TCP_DESTROY_GROUPS = 1 | 1 << 2;
    private static final int POLLFD_BYTES = 8;
    private static final NativeLong EIGHT = new NativeLong(8);
    private static final NativeLong ONE = new NativeLong(1);
    private static final NativeLong TWO = new NativeLong(2);

    private final Object monitor = new Object();
    private boolean woken;
    private final int eventFd;
    private final Memory counter;
    private final Memory increment;
    private final Memory fds;
    private final DiagReply reply = new DiagReply();
    private NetlinkSocket destroyed;
    private volatile String problem;
    private volatile long notices;
    private boolean closed;

    /** Opens the eventfd; where native calls are refused, waits on a Java monitor instead. */
    Wakeup() {
        int fd = -1;
        try {
            LibC.load();
            fd = LibC.eventfd(0, LibC.EFD_FLAGS);
        } catch (LastErrorException | LinkageError e) {
            problem = "closed connections are seen at the next reading, not at once (eventfd refused: "
                    + e.getMessage() + ")";
        }
        eventFd = fd;
        counter = fd < 0 ? null : new Memory(8);
        increment = fd < 0 ? null : new Memory(8);
        if (increment != null) {
            increment.setLong(0, 1);
        }
        fds = fd < 0 ? null : new Memory(2L * POLLFD_BYTES);
    }

    /**
     * Joins the destroy groups, on the poll thread so the socket is in that thread's network namespace (like the
     * table's own socket). Failing that, closed connections are seen at the next reading.
     */
    void watchClosedSockets(double timeoutSeconds) {
        if (eventFd < 0 || destroyed != null) {
            return;
        }
        NetlinkSocket socket = null;
        try {
            socket = new NetlinkSocket(timeoutSeconds);
            socket.join(TCP_DESTROY_GROUPS);
            destroyed = socket;
            problem = null;
        } catch (NetlinkException e) {
            if (socket != null) {
                socket.close();
            }
            problem = "closed connections are seen at the next reading, not at once (" + e.getMessage() + ")";
        }
    }

    /** Ends the current or the next {@link #await} at once. */
    void wake() {
        if (eventFd >= 0) {
            synchronized (this) { // never write to the descriptor number after close() gave it back
                if (!closed) {
                    try {
                        LibC.write(eventFd, increment, EIGHT);
                    } catch (LastErrorException e) {
                        // EAGAIN: the counter is full of earlier wake-ups, so the waiter wakes anyway
                    }
                }
            }
            return;
        }
        synchronized (monitor) {
            woken = true;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime()}), a {@link #wake()}, or the kernel's notice
     * that a socket {@code watched} accepts is gone; a notice about any other socket does not end the wait.
     */
    Outcome await(long deadlineNanos, Watched watched) throws InterruptedException {
        if (eventFd < 0) {
            return awaitMonitor(deadlineNanos);
        }
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return Outcome.PERIOD_OVER;
            }
            int count = pollFds((int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
            if (count <= 0) {
                continue;
            }
            if ((fds.getShort(6) & LibC.POLLIN) != 0) {
                drainCounter();
                return Outcome.WOKEN;
            }
            if (destroyed != null && fds.getShort(POLLFD_BYTES + 6) != 0 && notice(watched)) {
                notices++;
                return Outcome.WATCHED_SOCKET_GONE;
            }
        }
    }

    private int pollFds(int timeoutMillis) {
        fds.setInt(0, eventFd);
        fds.setShort(4, LibC.POLLIN);
        fds.setShort(6, (short) 0);
        if (destroyed != null) {
            fds.setInt(POLLFD_BYTES, destroyed.fd());
            fds.setShort(POLLFD_BYTES + 4, LibC.POLLIN);
            fds.setShort(POLLFD_BYTES + 6, (short) 0);
        }
        try {
            return LibC.poll(fds, destroyed == null ? ONE : TWO, timeoutMillis);
        } catch (LastErrorException e) {
            return 0; // EINTR: wait again for what is left
        }
    }

    private void drainCounter() {
        try {
            LibC.read(eventFd, counter, EIGHT);
        } catch (LastErrorException e) {
            // EAGAIN: another read took it; nothing to drain
        }
    }

    /** Reads one notice datagram; whether it names a watched socket. */
    private boolean notice(Watched watched) {
        int length;
        try {
            length = destroyed.receive();
        } catch (NetlinkException e) {
            if (e.errno() == LibC.ENOBUFS) {
                return true; // notices overflowed the socket's buffer: a watched one may be among them
            }
            giveUp(e);
            return false;
        }
        reply.begin(destroyed.reply(), length, 0);
        try {
            while (reply.next() == DiagReply.Item.SOCKET) {
                if (watched.socket(reply.cookie())) {
                    return true;
                }
            }
        } catch (NetlinkException e) {
            giveUp(e);
        }
        return false;
    }

    private void giveUp(NetlinkException e) {
        destroyed.close();
        destroyed = null;
        problem = "closed connections are seen at the next reading, not at once (the socket-destroy notices "
                + "failed: " + e.getMessage() + ")";
    }

    private Outcome awaitMonitor(long deadlineNanos) throws InterruptedException {
        synchronized (monitor) {
            while (!woken) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return Outcome.PERIOD_OVER;
                }
                monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
            }
            woken = false;
            return Outcome.WOKEN;
        }
    }

    /** What the waiting cannot do here, or null. */
    String problem() {
        return problem;
    }

    /** Notices that prompted a reading. */
    long notices() {
        return notices;
    }

    /** Closes the descriptors; call after the waiter has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (destroyed != null) {
            destroyed.close();
            destroyed = null;
        }
        if (eventFd >= 0) {
            LibC.close(eventFd);
        }
    }
}
