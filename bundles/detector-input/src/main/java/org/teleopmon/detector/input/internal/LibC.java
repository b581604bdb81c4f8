package org.teleopmon.detector.input.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C library calls the reader needs, direct-mapped through JNA (no per-call allocation:
 * primitives and preallocated {@link Pointer}s only). {@code size_t}, {@code nfds_t} and the
 * {@code ioctl} request are C {@code long}s, so a 64-bit and a 32-bit binding exist and the JVM's
 * word size picks one. Flags are the Linux values shared by x86, x86-64, ARM and AArch64. Errors are
 * -1 with {@link #errno()}.
 */
final class LibC {

    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int ENOSPC = 28;

    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    static final int IN_ACCESS = 0x001;
    static final int IN_ATTRIB = 0x004;
    static final int IN_CLOSE_WRITE = 0x008;
    static final int IN_CLOSE_NOWRITE = 0x010;
    static final int IN_OPEN = 0x020;
    static final int IN_MOVED_FROM = 0x040;
    static final int IN_MOVED_TO = 0x080;
    static final int IN_CREATE = 0x100;
    static final int IN_DELETE = 0x200;
    static final int IN_DELETE_SELF = 0x400;
    static final int IN_Q_OVERFLOW = 0x4000;
    static final int IN_IGNORED = 0x8000;

    static final boolean LP64 = Native.LONG_SIZE == 8;

    private static volatile Throwable loadFailure;
    private static volatile boolean loaded;

    private LibC() {
    }

    /** Binds the calls once; the failure, if any, is remembered and rethrown as an {@link IllegalStateException}. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (loadFailure == null) {
            try {
                NativeLibrary c = NativeLibrary.getInstance("c");
                if (LP64) {
                    Native.register(Lp64.class, c);
                } else {
                    Native.register(Ilp32.class, c);
                }
                loaded = true;
                return;
            } catch (RuntimeException | LinkageError e) {
                loadFailure = e;
            }
        }
        throw new IllegalStateException("cannot bind the C library through JNA: " + loadFailure, loadFailure);
    }

    static int errno() {
        return Native.getLastError();
    }

    static int open(String path, int flags) {
        return LP64 ? Lp64.open(path, flags) : Ilp32.open(path, flags);
    }

    static int close(int fd) {
        return LP64 ? Lp64.close(fd) : Ilp32.close(fd);
    }

    static long read(int fd, Pointer buffer, int count) {
        return LP64 ? Lp64.read(fd, buffer, count) : Ilp32.read(fd, buffer, count);
    }

    static long write(int fd, Pointer buffer, int count) {
        return LP64 ? Lp64.write(fd, buffer, count) : Ilp32.write(fd, buffer, count);
    }

    static int poll(Pointer fds, int count, int timeoutMillis) {
        return LP64 ? Lp64.poll(fds, count, timeoutMillis) : Ilp32.poll(fds, count, timeoutMillis);
    }

    static int ioctl(int fd, long request, Pointer argument) {
        return LP64 ? Lp64.ioctl(fd, request, argument) : Ilp32.ioctl(fd, (int) request, argument);
    }

    static int eventfd(int initial, int flags) {
        return LP64 ? Lp64.eventfd(initial, flags) : Ilp32.eventfd(initial, flags);
    }

    static int inotifyInit(int flags) {
        return LP64 ? Lp64.inotify_init1(flags) : Ilp32.inotify_init1(flags);
    }

    static int inotifyAddWatch(int fd, String path, int mask) {
        return LP64 ? Lp64.inotify_add_watch(fd, path, mask) : Ilp32.inotify_add_watch(fd, path, mask);
    }

    static int inotifyRemoveWatch(int fd, int watch) {
        return LP64 ? Lp64.inotify_rm_watch(fd, watch) : Ilp32.inotify_rm_watch(fd, watch);
    }

    /** The C library where {@code long} is 64 bits. */
    static final class Lp64 {
        static native int open(String path, int flags);

        static native int close(int fd);

        static native long read(int fd, Pointer buffer, long count);

        static native long write(int fd, Pointer buffer, long count);

        static native int poll(Pointer fds, long count, int timeout);

        static native int ioctl(int fd, long request, Pointer argument);

        static native int eventfd(int initial, int flags);

        static native int inotify_init1(int flags);

        static native int inotify_add_watch(int fd, String path, int mask);

        static native int inotify_rm_watch(int fd, int watch);

        private Lp64() {
        }
    }

    /** The C library where {@code long} is 32 bits (32-bit ARM Raspberry Pi OS). */
    static final class Ilp32 {
        static native int open(String path, int flags);

        static native int close(int fd);

        static native int read(int fd, Pointer buffer, int count);

        static native int write(int fd, Pointer buffer, int count);

        static native int poll(Pointer fds, int count, int timeout);

        static native int ioctl(int fd, int request, Pointer argument);

        static native int eventfd(int initial, int flags);

        static native int inotify_init1(int flags);

        static native int inotify_add_watch(int fd, String path, int mask);

        static native int inotify_rm_watch(int fd, int watch);

        private Ilp32() {
        }
    }
}
