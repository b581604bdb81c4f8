package org.teleopmon.capture.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** The three libc calls that move the calling thread into the network namespace a file names. */
final class Setns {

    static final int ENOENT = 2;
    static final int EPERM = 1;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    private static final int O_RDONLY = 0;
    /** Linux's value on x86, ARM and AArch64 (the robots' computers). */
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static volatile boolean loaded;

    private Setns() {
    }

    private static synchronized void load() {
        if (!loaded) {
            Native.register(Setns.class, NativeLibrary.getInstance("c"));
            loaded = true;
        }
    }

    /** Enters the namespace on this thread only; the descriptor is closed whatever happens. */
    static void enterNetwork(String path) throws NetnsError {
        load();
        int fd;
        try {
            fd = open(path, O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new NetnsError("open", e);
        }
        try {
            setns(fd, CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new NetnsError("setns", e);
        } finally {
            close(fd);
        }
    }

    /** A failed call: which one, errno and its text. */
    static final class NetnsError extends Exception {

        private static final long serialVersionUID = 1L;

        final String call;
        final int errno;

        NetnsError(String call, LastErrorException e) {
            super(text(e));
            this.call = call;
            this.errno = e.getErrorCode();
        }

        private static String text(LastErrorException e) {
            String message = String.valueOf(e.getMessage());
            int bracket = message.indexOf("] ");
            return message.startsWith("[") && bracket > 0 ? message.substring(bracket + 2) : message;
        }
    }

    private static native int open(String path, int flags) throws LastErrorException;

    private static native int setns(int fd, int nstype) throws LastErrorException;

    private static native int close(int fd);
}
