package org.teleopmon.sockets.internal;

import java.io.IOException;

/** The kernel's table could not be read: why, and for a kernel error its errno. */
final class NetlinkException extends IOException {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** socket(2) refused: no netlink in this kernel or sandbox, or a seccomp policy. */
        UNAVAILABLE,
        /** The kernel answered the request with an error (errno). */
        KERNEL_ERROR,
        /** No answer within the receive timeout. */
        TIMEOUT,
        /** The reply does not parse: a length out of bounds, an unknown family, a message cut short. */
        MALFORMED
    }

    private final Kind kind;
    private final int errno;

    NetlinkException(Kind kind, int errno, String message) {
        super(message);
        this.kind = kind;
        this.errno = errno;
    }

    static NetlinkException malformed(String message) {
        return new NetlinkException(Kind.MALFORMED, 0, "malformed sock_diag reply: " + message);
    }

    Kind kind() {
        return kind;
    }

    int errno() {
        return errno;
    }
}
