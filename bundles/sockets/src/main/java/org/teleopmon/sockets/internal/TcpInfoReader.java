package org.teleopmon.sockets.internal;

import java.nio.ByteBuffer;

import org.teleopmon.api.sockets.TcpInfo;

/**
 * Reads {@code struct tcp_info} ({@code include/uapi/linux/tcp.h}) at its fixed offsets. Kernels append
 * fields over time and send the length they know, so each field is read only when the attribute covers it,
 * else reported as {@link TcpInfo#UNKNOWN}: 104 bytes up to {@code total_retrans} (2.6), 144 up to
 * {@code segs_in} (4.2), 160 up to {@code data_segs_out} (4.6), 168 with {@code delivery_rate} (4.9), 216 with
 * {@code bytes_sent}/{@code bytes_retrans} (4.19).
 */
final class TcpInfoReader {

    static final int LOST = 32;
    static final int LAST_DATA_SENT = 44;
    static final int LAST_DATA_RECV = 52;
    static final int LAST_ACK_RECV = 56;
    static final int RTT = 68;
    static final int RTTVAR = 72;
    static final int TOTAL_RETRANS = 100;
    static final int BYTES_ACKED = 120;
    static final int BYTES_RECEIVED = 128;
    static final int SEGS_OUT = 136;
    static final int SEGS_IN = 140;
    static final int MIN_RTT = 148;
    static final int DATA_SEGS_IN = 152;
    static final int DATA_SEGS_OUT = 156;
    static final int DELIVERY_RATE = 160;
    static final int BYTES_SENT = 200;
    static final int BYTES_RETRANS = 208;

    private TcpInfoReader() {
    }

    /** The record of the {@code length} bytes at {@code offset}; {@code null} when {@code offset} is negative. */
    static TcpInfo read(ByteBuffer b, int offset, int length) {
        if (offset < 0) {
            return null;
        }
        return new TcpInfo(u32(b, offset, length, RTT), u32(b, offset, length, RTTVAR),
                u32(b, offset, length, MIN_RTT), u64(b, offset, length, BYTES_ACKED),
                u64(b, offset, length, BYTES_RECEIVED), u64(b, offset, length, BYTES_SENT),
                u64(b, offset, length, BYTES_RETRANS), u32(b, offset, length, SEGS_IN),
                u32(b, offset, length, SEGS_OUT), u32(b, offset, length, DATA_SEGS_IN),
                u32(b, offset, length, DATA_SEGS_OUT), u32(b, offset, length, TOTAL_RETRANS),
                u32(b, offset, length, LOST), u64(b, offset, length, DELIVERY_RATE),
                u32(b, offset, length, LAST_DATA_SENT), u32(b, offset, length, LAST_DATA_RECV),
                u32(b, offset, length, LAST_ACK_RECV));
    }

    static long u32(ByteBuffer b, int offset, int length, int field) {
        return field + 4 <= length ? Integer.toUnsignedLong(b.getInt(offset + field)) : TcpInfo.UNKNOWN;
    }

    /** Unsigned 64-bit counters stay below 2^63 in any connection's life; a larger one reads as unknown. */
    static long u64(ByteBuffer b, int offset, int length, int field) {
        if (field + 8 > length) {
            return TcpInfo.UNKNOWN;
        }
        long value = b.getLong(offset + field);
        return value < 0 ? TcpInfo.UNKNOWN : value;
    }
}
