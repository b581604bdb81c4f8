package org.teleopmon.sockets.internal;

import java.nio.ByteBuffer;

/**
 * Writes a {@code SOCK_DIAG_BY_FAMILY} request: {@code struct nlmsghdr}, {@code struct inet_diag_req_v2}, and
 * for a dump the port filter as an {@code INET_DIAG_REQ_BYTECODE} attribute; for a lookup the socket's id.
 * Writes into a buffer the caller owns: allocation-free.
 */
final class DiagRequest {

    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_DUMP = 0x300;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int HEADER_BYTES = 16;
    static final int REQ_V2_BYTES = 56;
    static final int INET_DIAG_REQ_BYTECODE = 1;
    /** Extension bit asking for {@code struct tcp_info} ({@code 1 << (INET_DIAG_INFO - 1)}). */
    static final int EXT_INFO = 1 << (DiagReply.INET_DIAG_INFO - 1);
    /** Every state, listening and closing ones included (bit n for state n). */
    static final int ALL_STATES = 0xffffffff;
    private static final int NO_COOKIE = 0xffffffff;

    private DiagRequest() {
    }

    /** Bytes of one {@link #encodeLookup lookup}. */
    static final int LOOKUP_BYTES = HEADER_BYTES + REQ_V2_BYTES;

    /**
     * Writes at {@code at} of {@code out} the exact lookup of one socket (no dump flag): the kernel finds it by
     * its addresses and ports in its hash table, checks the cookie and answers with its {@code inet_diag_msg} or
     * an error (ENOENT: gone; ESTALE: another socket has its addresses now). Addresses are 4 or 16 bytes, in
     * network order, as {@code family} says. Returns the bytes written.
     */
    static int encodeLookup(ByteBuffer out, int at, int sequence, int family, int protocol, int localPort,
            byte[] local, int remotePort, byte[] remote, long cookie) {
        header(out, at, LOOKUP_BYTES, NLM_F_REQUEST, sequence);
        int r = at + HEADER_BYTES;
        out.put(r, (byte) family);
        out.put(r + 1, (byte) protocol);
        out.put(r + 2, (byte) EXT_INFO);
        out.put(r + 3, (byte) 0);
        out.putInt(r + 4, ALL_STATES);
        out.put(r + 8, (byte) (localPort >>> 8));
        out.put(r + 9, (byte) localPort);
        out.put(r + 10, (byte) (remotePort >>> 8));
        out.put(r + 11, (byte) remotePort);
        for (int i = 0; i < 16; i++) {
            out.put(r + 12 + i, i < local.length ? local[i] : 0);
            out.put(r + 28 + i, i < remote.length ? remote[i] : 0);
        }
        out.putInt(r + 44, 0); // any interface
        out.putInt(r + 48, (int) cookie);
        out.putInt(r + 52, (int) (cookie >>> 32));
        return LOOKUP_BYTES;
    }

    private static void header(ByteBuffer out, int at, int length, int flags, int sequence) {
        out.putInt(at, length);
        out.putShort(at + 4, (short) SOCK_DIAG_BY_FAMILY);
        out.putShort(at + 6, (short) flags);
        out.putInt(at + 8, sequence);
        out.putInt(at + 12, 0);
    }

    /** Writes the request at position 0 of {@code out}; returns its length. */
    static int encode(ByteBuffer out, int sequence, int family, int protocol, byte[] bytecode) {
        int attribute = bytecode.length == 0 ? 0 : 4 + bytecode.length;
        int length = HEADER_BYTES + REQ_V2_BYTES + attribute;
        header(out, 0, length, NLM_F_REQUEST | NLM_F_DUMP, sequence);
        int r = HEADER_BYTES;
        out.put(r, (byte) family);
        out.put(r + 1, (byte) protocol);
        out.put(r + 2, (byte) EXT_INFO);
        out.put(r + 3, (byte) 0);
        out.putInt(r + 4, ALL_STATES);
        for (int i = r + 8; i < r + REQ_V2_BYTES - 8; i += 4) {
            out.putInt(i, 0); // the socket id: ports, addresses, interface: zero matches all in a dump
        }
        out.putInt(r + REQ_V2_BYTES - 8, NO_COOKIE);
        out.putInt(r + REQ_V2_BYTES - 4, NO_COOKIE);
        if (attribute > 0) {
            int a = HEADER_BYTES + REQ_V2_BYTES;
            out.putShort(a, (short) attribute);
            out.putShort(a + 2, (short) INET_DIAG_REQ_BYTECODE);
            out.put(a + 4, bytecode);
        }
        return length;
    }
}
