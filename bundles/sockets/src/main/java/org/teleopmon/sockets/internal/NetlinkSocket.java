package org.teleopmon.sockets.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * One {@code NETLINK_SOCK_DIAG} socket with its request and reply buffers, all allocated once: a request
 * is written into {@link #request()}, sent, and each reply datagram lands in {@link #reply()}. Readable
 * without privileges. A socket stays in the network namespace it was created in, whichever thread uses it.
 * Not thread-safe.
 */
final class NetlinkSocket implements AutoCloseable {

    static final int NETLINK_SOCK_DIAG = 4;
    /** Larger than any dump datagram: the kernel fills at most 32 KiB per datagram. */
    static final int REPLY_BYTES = 64 * 1024;
    static final int REQUEST_BYTES = 128 * 1024;
    private static final int SOCKADDR_NL_BYTES = 12;
    private static final int P = Native.POINTER_SIZE;

    private final int fd;
    private final Memory out = new Memory(REQUEST_BYTES);
    private final Memory in = new Memory(REPLY_BYTES);
    private final Memory kernel = new Memory(SOCKADDR_NL_BYTES);
    private final Memory from = new Memory(SOCKADDR_NL_BYTES);
    private final Memory sendVector = new Memory(2L * P);
    private final Memory receiveVector = new Memory(2L * P);
    private final Memory sendHeader = new Memory(7L * P);
    private final Memory receiveHeader = new Memory(7L * P);
    private final ByteBuffer request = out.getByteBuffer(0, REQUEST_BYTES).order(ByteOrder.nativeOrder());
    private final ByteBuffer reply = in.getByteBuffer(0, REPLY_BYTES).order(ByteOrder.nativeOrder());
    private boolean closed;

    /**
     * Opens the socket with a receive timeout, so that a kernel that never answers cannot hang a poll.
     *
     * @throws NetlinkException {@link NetlinkException.Kind#UNAVAILABLE} when the kernel or a sandbox refuses
     */
    NetlinkSocket(double timeoutSeconds) throws NetlinkException {
        LibC.load();
        try {
            fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        } catch (LastErrorException e) {
            throw new NetlinkException(NetlinkException.Kind.UNAVAILABLE, e.getErrorCode(),
                    "cannot open a netlink sock_diag socket: " + Errno.text(e));
        }
        try {
            receiveTimeout(timeoutSeconds);
        } catch (LastErrorException e) {
            LibC.close(fd);
            throw new NetlinkException(NetlinkException.Kind.UNAVAILABLE, e.getErrorCode(),
                    "cannot set the netlink receive timeout: " + Errno.text(e));
        }
        kernel.clear();
        kernel.setShort(0, (short) LibC.AF_NETLINK);
        header(sendHeader, kernel, sendVector, out);
        header(receiveHeader, from, receiveVector, in);
        nativeLong(receiveVector, P, REPLY_BYTES);
    }

    private void receiveTimeout(double seconds) {
        try (Memory timeval = new Memory(2L * Native.LONG_SIZE)) {
            long whole = (long) seconds;
            nativeLong(timeval, 0, whole);
            nativeLong(timeval, Native.LONG_SIZE, Math.round((seconds - whole) * 1e6));
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, (int) timeval.size());
        }
    }

    /** struct msghdr: name, namelen, iov, iovlen, control, controllen, flags, at pointer-size steps. */
    private static void header(Memory header, Memory address, Memory vector, Memory buffer) {
        header.clear();
        header.setPointer(0, address);
        header.setInt(P, SOCKADDR_NL_BYTES);
        header.setPointer(2L * P, vector);
        nativeLong(header, 3L * P, 1);
        vector.setPointer(0, buffer);
    }

    private static void nativeLong(Memory memory, long offset, long value) {
        if (Native.LONG_SIZE == 8) {
            memory.setLong(offset, value);
        } else {
            memory.setInt(offset, (int) value);
        }
    }

    /**
     * Joins multicast groups ({@code nl_groups} bit mask, bit {@code group - 1}): from then on the kernel also
     * sends their notices to this socket, with sequence number 0.
     */
    void join(int groups) throws NetlinkException {
        try (Memory address = new Memory(SOCKADDR_NL_BYTES)) {
            address.clear();
            address.setShort(0, (short) LibC.AF_NETLINK);
            address.setInt(8, groups);
            LibC.bind(fd, address, SOCKADDR_NL_BYTES);
        } catch (LastErrorException e) {
            throw new NetlinkException(NetlinkException.Kind.UNAVAILABLE, e.getErrorCode(),
                    "cannot join the netlink sock_diag groups " + groups + ": " + Errno.text(e));
        }
    }

    /** The file descriptor, to wait on it with poll(2). */
    int fd() {
        return fd;
    }

    /** The request buffer, native byte order; write from position 0 and {@link #send(int)} its length. */
    ByteBuffer request() {
        return request;
    }

    /** The reply buffer, native byte order; {@link #receive()} fills it from position 0. */
    ByteBuffer reply() {
        return reply;
    }

    /** Sends the first {@code length} bytes of {@link #request()} to the kernel. */
    void send(int length) throws NetlinkException {
        nativeLong(sendVector, P, length);
        try {
            LibC.sendmsg(fd, sendHeader, 0);
        } catch (LastErrorException e) {
            throw new NetlinkException(NetlinkException.Kind.KERNEL_ERROR, e.getErrorCode(),
                    "sending the sock_diag request failed: " + Errno.text(e));
        }
    }

    /**
     * Receives one datagram into {@link #reply()}; returns its length.
     *
     * @throws NetlinkException on timeout, on a datagram larger than the buffer, or from another sender
     */
    int receive() throws NetlinkException {
        while (true) {
            int length;
            try {
                receiveHeader.setInt(6L * P, 0);
                length = LibC.recvmsg(fd, receiveHeader, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                if (e.getErrorCode() == LibC.EAGAIN) {
                    throw new NetlinkException(NetlinkException.Kind.TIMEOUT, e.getErrorCode(),
                            "the kernel did not answer the sock_diag request in time");
                }
                throw new NetlinkException(NetlinkException.Kind.KERNEL_ERROR, e.getErrorCode(),
                        "receiving the sock_diag reply failed: " + Errno.text(e));
            }
            if ((receiveHeader.getInt(6L * P) & LibC.MSG_TRUNC) != 0) {
                throw NetlinkException.malformed("a datagram was larger than " + REPLY_BYTES + " bytes");
            }
            if (from.getInt(4) != 0) {
                continue; // not from the kernel (port id 0): another process cannot speak for it
            }
            return length;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
