package org.teleopmon.detector.network.internal;

/**
 * Follows the TLS record layer of one direction (RFC 8446 §5.1: type, version, length; the body is
 * encrypted): counts records, and reports every application-data record (type 23) as a message, which for
 * a WebSocket over TLS is one WebSocket frame. A header may be cut by a segment boundary. After lost bytes
 * the framing is found again only at a segment that starts with a plausible header.
 */
final class TlsRecords {

    static final int APPLICATION_DATA = 23;
    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    private static final int MAX_RECORD = 16384 + 2048;

    private final byte[] header = new byte[5];
    private int have;
    private int remaining;
    private boolean synced;
    long records;
    long applicationRecords;
    long malformed;
    boolean clientHello;
    /** When the last and the one-before-last application-data or alert record came (a connection's closing records). */
    long lastAt;
    long previousAt;

    void reset() {
        have = remaining = 0;
        synced = false;
        records = applicationRecords = malformed = 0;
        clientHello = false;
        lastAt = previousAt = 0;
    }

    /** Whether any valid record was seen: the flow speaks TLS. */
    boolean seen() {
        return records > 0;
    }

    /**
     * Walks {@code length} new bytes at {@code offset}; {@code gap} when bytes before them were lost. Each
     * application-data record is given to {@code stats} as a message at {@code now}.
     */
    void feed(byte[] b, int offset, int length, boolean gap, long now, DirectionStats stats, long bucketNanos,
            long burstGapNanos) {
        if (gap || !synced) {
            have = 0;
            remaining = 0;
            synced = length >= 5 && plausible(b[offset] & 0xFF, b[offset + 1] & 0xFF, b[offset + 2] & 0xFF,
                    (b[offset + 3] & 0xFF) << 8 | b[offset + 4] & 0xFF);
            if (!synced) {
                return;
            }
        }
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (remaining > 0) {
                int skip = Math.min(remaining, end - i);
                remaining -= skip;
                i += skip;
                continue;
            }
            header[have++] = b[i++];
            if (have < 5) {
                continue;
            }
            have = 0;
            int type = header[0] & 0xFF;
            int bodyLength = (header[3] & 0xFF) << 8 | header[4] & 0xFF;
            if (!plausible(type, header[1] & 0xFF, header[2] & 0xFF, bodyLength)) {
                malformed++;
                synced = false;
                return;
            }
            records++;
            if (type == APPLICATION_DATA || type == ALERT) {
                previousAt = lastAt;
                lastAt = now;
            }
            if (type == APPLICATION_DATA) {
                applicationRecords++;
                stats.message(now, bucketNanos, burstGapNanos);
            } else if (type == HANDSHAKE && i < end && b[i] == 1) {
                clientHello = true;
            }
            remaining = bodyLength;
        }
    }

    private static boolean plausible(int type, int major, int minor, int length) {
        return type >= 20 && type <= 24 && major == 3 && minor <= 4 && length > 0 && length <= MAX_RECORD;
    }
}
