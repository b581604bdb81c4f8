package org.teleopmon.sockets.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles "local port in L or remote port in R" into {@code inet_diag} bytecode, the kernel-side filter of
 * a dump ({@code INET_DIAG_REQ_BYTECODE}), so that only wanted sockets are copied out of the kernel.
 *
 * <p>Each port is one 20-byte block: {@code port >= p} (GE), {@code port <= p} (LE), then a jump to the end
 * (accept). A failed comparison goes on to the next block; after the last block it jumps past the end
 * (reject). GE and LE rather than the EQ operators, which kernels before 4.16 (still on some Jetsons) lack.
 * Ops are {@code struct inet_diag_bc_op {u8 code; u8 yes; u16 no;}}, the port in the {@code no} field of the
 * op that follows a comparison.
 */
final class PortFilter {

    static final int S_GE = 2;
    static final int S_LE = 3;
    static final int D_GE = 4;
    static final int D_LE = 5;
    static final int JMP = 1;
    static final int BLOCK_BYTES = 20;
    /** Beyond this many ports the filter is left out and the dump is filtered in Java (the attribute is u16-sized). */
    static final int MAX_PORTS = 1000;

    private PortFilter() {
    }

    /** The bytecode, or an empty array when every port is wanted or there are too many to filter. */
    static byte[] compile(Set<Integer> localPorts, Set<Integer> remotePorts) {
        int blocks = localPorts.size() + remotePorts.size();
        if (blocks == 0 || blocks > MAX_PORTS) {
            return new byte[0];
        }
        int length = blocks * BLOCK_BYTES;
        ByteBuffer code = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        int block = 0;
        for (int port : new TreeSet<>(localPorts)) {
            block(code, block++, blocks, S_GE, S_LE, port);
        }
        for (int port : new TreeSet<>(remotePorts)) {
            block(code, block++, blocks, D_GE, D_LE, port);
        }
        return code.array();
    }

    private static void block(ByteBuffer code, int index, int blocks, int ge, int le, int port) {
        int start = index * BLOCK_BYTES;
        int length = blocks * BLOCK_BYTES;
        boolean last = index == blocks - 1;
        op(code, ge, 8, last ? length - start + 4 : BLOCK_BYTES);
        op(code, 0, 0, port);
        op(code, le, 8, last ? length - (start + 8) + 4 : BLOCK_BYTES - 8);
        op(code, 0, 0, port);
        op(code, JMP, 4, length - (start + 16));
    }

    private static void op(ByteBuffer code, int operation, int yes, int no) {
        code.put((byte) operation).put((byte) yes).putShort((short) no);
    }
}
