package org.teleopmon.sockets.internal;

import java.nio.ByteBuffer;

/**
 * Writes a {@code SOCK_DIAG_BY_FAMILY} dump request: {@code struct nlmsghdr}, {@code struct inet_diag_req_v2},
 * and the port filter as an {@code INET_DIAG_REQ_BYTECODE} attribute. Writes into a buffer the caller owns:
 * allocation-free.
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

    /** Writes the request at position 0 of {@code out}; returns its length. */
    static int encode(ByteBuffer out, int sequence, int family, int protocol, byte[] bytecode) {
        int attribute = bytecode.length == 0 ? 0 : 4 + bytecode.length;
        int length = HEADER_BYTES + REQ_V2_BYTES + attribute;
        out.putInt(0, length);
        out.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
        out.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        out.putInt(8, sequence);
        out.putInt(12, 0);
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
