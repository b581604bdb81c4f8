package org.teleopmon.sockets.internal;

import java.nio.ByteBuffer;

/**
 * Walks the netlink messages of one reply datagram and exposes the current socket's fields straight from the
 * buffer ({@code struct inet_diag_msg} and its {@code INET_DIAG_INFO} attribute): a flyweight, allocation-free
 * unless the reply is an error or malformed. Every length is checked against the datagram before it is used,
 * so a hostile or corrupt reply ends in a {@link NetlinkException}, never in a read out of bounds.
 *
 * <pre>
 * nlmsghdr      len u32, type u16, flags u16, seq u32, pid u32                          16 bytes
 * inet_diag_msg family u8, state u8, timer u8, retrans u8,
 *               sport be16, dport be16, src be32[4], dst be32[4], if u32, cookie u32[2],
 *               expires u32, rqueue u32, wqueue u32, uid u32, inode u32                 72 bytes
 * attributes    len u16, type u16, payload, padded to 4
 * </pre>
 */
final class DiagReply {

    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_NOOP = 1;
    static final int MSG_BYTES = 72;
    static final int INET_DIAG_INFO = 2;

    /** What {@link #next()} found. */
    enum Item {
        SOCKET, DONE, END_OF_DATAGRAM,
        /** In {@link #beginAnswers answers}: the kernel's refusal of one lookup ({@link #error()}). */
        REFUSED
    }

    private ByteBuffer buffer;
    private int limit;
    private int sequence;
    private int sequences = 1;
    private boolean answers;
    private int error;
    private int cursor;
    private int message;
    private int infoOffset;
    private int infoLength;

    /** Starts on a datagram of {@code length} bytes at position 0; messages of another sequence are skipped. */
    void begin(ByteBuffer datagram, int length, int expectedSequence) {
        this.buffer = datagram;
        this.limit = Math.min(length, datagram.capacity());
        this.sequence = expectedSequence;
        this.sequences = 1;
        this.answers = false;
        this.cursor = 0;
        this.message = -1;
    }

    /**
     * Starts on a datagram of answers to {@code count} lookups of sequence numbers {@code first} onwards: each
     * answer is a {@link Item#SOCKET} or, where the kernel refused that one lookup (the socket is gone), a
     * {@link Item#REFUSED} instead of an exception; messages of other sequences are skipped.
     */
    void beginAnswers(ByteBuffer datagram, int length, int first, int count) {
        begin(datagram, length, first);
        this.sequences = Math.max(1, count);
        this.answers = true;
    }

    /** The errno of the last {@link Item#REFUSED}. */
    int error() {
        return error;
    }

    /** Moves to the next message. */
    Item next() throws NetlinkException {
        while (true) {
            if (cursor >= limit) {
                return Item.END_OF_DATAGRAM;
            }
            if (limit - cursor < DiagRequest.HEADER_BYTES) {
                throw NetlinkException.malformed(limit - cursor + " bytes left, less than a message header");
            }
            int length = buffer.getInt(cursor);
            if (length < DiagRequest.HEADER_BYTES || length > limit - cursor) {
                throw NetlinkException.malformed("message length " + Integer.toUnsignedString(length) + " at byte "
                        + cursor + " outside the " + limit + "-byte datagram");
            }
            int start = cursor;
            cursor += align(length);
            int type = buffer.getShort(start + 4) & 0xffff;
            if (Integer.compareUnsigned(buffer.getInt(start + 8) - sequence, sequences) >= 0 || type == NLMSG_NOOP) {
                continue;
            }
            if (type == NLMSG_DONE) {
                checkStatus(start, length, "the dump ended with an error");
                return Item.DONE;
            }
            if (type == NLMSG_ERROR) {
                if (answers) {
                    error = status(start, length);
                    if (error != 0) {
                        return Item.REFUSED;
                    }
                    continue;
                }
                checkStatus(start, length, "the kernel refused the request");
                continue; // an acknowledgement (error 0)
            }
            if (type != DiagRequest.SOCK_DIAG_BY_FAMILY) {
                throw NetlinkException.malformed("unexpected message type " + type);
            }
            socket(start, length);
            return Item.SOCKET;
        }
    }

    private void checkStatus(int start, int length, String what) throws NetlinkException {
        int errno = status(start, length);
        if (errno != 0) {
            throw new NetlinkException(NetlinkException.Kind.KERNEL_ERROR, errno, what + ": errno " + errno);
        }
    }

    /** The errno of a status message (0: success), checked against its length. */
    private int status(int start, int length) throws NetlinkException {
        if (length < DiagRequest.HEADER_BYTES + 4) {
            if (length == DiagRequest.HEADER_BYTES) {
                return 0; // a DONE without status
            }
            throw NetlinkException.malformed("status message of " + length + " bytes");
        }
        int status = buffer.getInt(start + DiagRequest.HEADER_BYTES);
        if (status == Integer.MIN_VALUE) {
            throw NetlinkException.malformed("status " + status + " is no errno");
        }
        return status < 0 ? -status : 0;
    }

    private void socket(int start, int length) throws NetlinkException {
        if (length < DiagRequest.HEADER_BYTES + MSG_BYTES) {
            throw NetlinkException.malformed("socket message of " + length + " bytes, less than "
                    + (DiagRequest.HEADER_BYTES + MSG_BYTES));
        }
        message = start + DiagRequest.HEADER_BYTES;
        int family = family();
        if (family != DiagRequest.AF_INET && family != DiagRequest.AF_INET6) {
            throw NetlinkException.malformed("address family " + family);
        }
        infoOffset = -1;
        infoLength = 0;
        int end = start + length;
        int a = message + MSG_BYTES;
        while (end - a >= 4) {
            int attributeLength = buffer.getShort(a) & 0xffff;
            if (attributeLength < 4 || attributeLength > end - a) {
                throw NetlinkException.malformed("attribute length " + attributeLength + " at byte " + a);
            }
            if ((buffer.getShort(a + 2) & 0x7fff) == INET_DIAG_INFO) {
                infoOffset = a + 4;
                infoLength = attributeLength - 4;
            }
            a += align(attributeLength);
        }
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    int family() {
        return buffer.get(message) & 0xff;
    }

    int state() {
        return buffer.get(message + 1) & 0xff;
    }

    int localPort() {
        return bigEndianShort(message + 4);
    }

    int remotePort() {
        return bigEndianShort(message + 6);
    }

    private int bigEndianShort(int offset) {
        return (buffer.get(offset) & 0xff) << 8 | buffer.get(offset + 1) & 0xff;
    }

    /** Offset in {@link #buffer()} of the local address: 4 bytes for IPv4, 16 for IPv6. */
    int localAddressOffset() {
        return message + 8;
    }

    int remoteAddressOffset() {
        return message + 24;
    }

    int addressLength() {
        return family() == DiagRequest.AF_INET ? 4 : 16;
    }

    long cookie() {
        return Integer.toUnsignedLong(buffer.getInt(message + 44)) | (long) buffer.getInt(message + 48) << 32;
    }

    long receiveQueue() {
        return Integer.toUnsignedLong(buffer.getInt(message + 56));
    }

    long sendQueue() {
        return Integer.toUnsignedLong(buffer.getInt(message + 60));
    }

    int uid() {
        return buffer.getInt(message + 64);
    }

    long inode() {
        return Integer.toUnsignedLong(buffer.getInt(message + 68));
    }

    /** Offset of {@code struct tcp_info} in {@link #buffer()}, or -1 when the socket has none. */
    int tcpInfoOffset() {
        return infoOffset;
    }

    int tcpInfoLength() {
        return infoLength;
    }

    ByteBuffer buffer() {
        return buffer;
    }
}
