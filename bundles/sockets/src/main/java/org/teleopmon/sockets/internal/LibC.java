package org.teleopmon.sockets.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The libc calls of a netlink socket, through JNA direct mapping: primitive and {@link Pointer} arguments
 * only, so a call allocates nothing unless it fails. {@code sendmsg}/{@code recvmsg} rather than
 * {@code send}/{@code recv}: they take no {@code size_t} argument, whose width differs between the 32- and
 * 64-bit robots' computers; the lengths go into the message header, written with the native width.
 */
final class LibC {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    /** Linux's value on x86, ARM and AArch64. */
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    /** The native-width {@code struct timeval} form of the option. */
    static final int SO_RCVTIMEO = 20;
    static final int MSG_TRUNC = 0x20;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int ENOBUFS = 105;
    /** {@code EFD_CLOEXEC | EFD_NONBLOCK}: Linux's values on x86, ARM and AArch64. */
    static final int EFD_FLAGS = 0x80000 | 0x800;
    static final short POLLIN = 1;

    private static volatile boolean loaded;

    private LibC() {
    }

    static synchronized void load() {
        if (!loaded) {
            Native.register(LibC.class, NativeLibrary.getInstance("c"));
            loaded = true;
        }
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

    /** Returns the bytes sent ({@code ssize_t}, read as int: a netlink message is far below 2 GiB). */
    static native int sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

    static native int recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

    static native int bind(int fd, Pointer address, int length) throws LastErrorException;

    /** {@code nfds_t} and {@code size_t} are as wide as a C long on Linux: {@link NativeLong}. */
    static native int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

    static native int eventfd(int initial, int flags) throws LastErrorException;

    static native int read(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    static native int write(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    static native int close(int fd);
}
