package org.teleopmon.sockets.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The {@link InetAddress} of the address bytes in a reply, reused from poll to poll: a robot talks to a
 * handful of peers, so a small direct-mapped table saves an allocation per socket per poll. IPv4-mapped IPv6
 * addresses ({@code ::ffff:a.b.c.d}, what a dual-stack Java socket reports) come out as IPv4.
 */
final class AddressCache {

    private static final int SLOTS = 256;
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final byte[][] keys = new byte[SLOTS][];
    private final InetAddress[] values = new InetAddress[SLOTS];
    private final byte[] scratch = new byte[16];

    /** The address of {@code length} (4 or 16) bytes at {@code offset} of {@code buffer}. */
    InetAddress get(ByteBuffer buffer, int offset, int length) {
        int start = 0;
        int n = length;
        buffer.get(offset, scratch, 0, length);
        if (length == 16 && Arrays.equals(scratch, 0, 12, MAPPED_PREFIX, 0, 12)) {
            start = 12;
            n = 4;
        }
        int slot = hash(start, n) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, scratch, start, start + n)) {
            return values[slot];
        }
        byte[] copy = Arrays.copyOfRange(scratch, start, start + n);
        InetAddress address;
        try {
            address = InetAddress.getByAddress(copy);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes expected, got " + n, e);
        }
        keys[slot] = copy;
        values[slot] = address;
        return address;
    }

    private int hash(int start, int n) {
        int h = n;
        for (int i = start; i < start + n; i++) {
            h = 31 * h + scratch[i];
        }
        return h ^ h >>> 16;
    }
}
