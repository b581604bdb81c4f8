package org.teleopmon.detector.webrtc.internal;

/**
 * Frame boundaries of the two TCP framings WebRTC uses: RFC 4571 (ICE-TCP, RFC 6544), a 2-byte
 * length before each packet; and TURN over TCP (RFC 8656), bare STUN messages and ChannelData
 * messages padded to 4 bytes. Stateless; every method reads only {@code a[p, end)}.
 */
final class TcpFramerRules {

    static final int NEED_MORE = -1;
    static final int BAD = -2;
    static final int RFC4571 = 1;
    static final int TURN = 2;

    private static final int STUN_HEADER = 20;
    private static final int COOKIE = 0x2112A442;

    private TcpFramerRules() {
    }

    /** Bytes the frame at {@code p} occupies on the wire (header and padding included), NEED_MORE or BAD. */
    static int wireSize(int mode, byte[] a, int p, int end, int max) {
        return mode == TURN ? turn(a, p, end, max) : rfc4571(a, p, end, max);
    }

    static int payloadOffset(int mode) {
        return mode == TURN ? 0 : 2;
    }

    /** What a UDP datagram would have carried: the RFC 4571 packet, or the whole STUN / ChannelData message unpadded. */
    static int payloadLength(int mode, byte[] a, int p) {
        if (mode == RFC4571) {
            return u16(a, p);
        }
        return ((a[p] & 0xFF) < 4 ? STUN_HEADER : 4) + u16(a, p + 2);
    }

    /** True when the frame at {@code p} (already accepted by wireSize) carries a magic cookie: a strong boundary. */
    static boolean isStun(int mode, byte[] a, int p) {
        return (a[p + payloadOffset(mode)] & 0xFF) < 4;
    }

    private static int rfc4571(byte[] a, int p, int end, int max) {
        if (end - p < 2) {
            return NEED_MORE;
        }
        int len = u16(a, p);
        if (len == 0 || len > max) {
            return BAD;
        }
        int packet = packetStart(a, p + 2, len, end);
        return packet < 0 ? packet : 2 + len;
    }

    private static int turn(byte[] a, int p, int end, int max) {
        if (end - p < 4) {
            return end > p && !turnFirstByte(a[p] & 0xFF) ? BAD : NEED_MORE;
        }
        int first = a[p] & 0xFF;
        if (!turnFirstByte(first)) {
            return BAD;
        }
        int len = u16(a, p + 2);
        if (first < 4) {
            if ((len & 3) != 0 || STUN_HEADER + len > max) {
                return BAD;
            }
            return end - p < 8 ? NEED_MORE : readInt(a, p + 4) == COOKIE ? STUN_HEADER + len : BAD;
        }
        if (len == 0 || 4 + len > max) {
            return BAD;
        }
        int data = packetStart(a, p + 4, len, end);
        return data < 0 ? data : 4 + ((len + 3) & ~3);
    }

    /** STUN (0-3) or a ChannelData channel number 0x4000-0x4FFF. */
    private static boolean turnFirstByte(int first) {
        return first < 4 || first >= 0x40 && first <= 0x4F;
    }

    /**
     * RFC 7983 ranges a WebRTC packet starts in (STUN 0-3, DTLS 20-63, RTP/RTCP 128-191), with the
     * STUN cookie and length and the DTLS 1.2 record version checked; 26-31 are unassigned.
     */
    private static int packetStart(byte[] a, int p, int len, int end) {
        if (end <= p) {
            return NEED_MORE;
        }
        int first = a[p] & 0xFF;
        if (first < 4) {
            if (len < STUN_HEADER) {
                return BAD;
            }
            if (end - p < 8) {
                return NEED_MORE;
            }
            return readInt(a, p + 4) == COOKIE && u16(a, p + 2) + STUN_HEADER == len ? 0 : BAD;
        }
        if (first >= 20 && first <= 25) {
            return dtlsVersion(a, p, len, end);
        }
        if (first >= 32 && first <= 63) {
            return len >= 13 ? 0 : BAD;
        }
        return first >= 128 && first <= 191 && len >= 8 ? 0 : BAD;
    }

    /** A DTLS 1.2 record, or a DTLS 1.3 plaintext one: legacy version 1.0 (0xFEFF) or 1.2 (0xFEFD). */
    private static int dtlsVersion(byte[] a, int p, int len, int end) {
        if (len < 13) {
            return BAD;
        }
        if (end - p < 3) {
            return NEED_MORE;
        }
        return a[p + 1] == (byte) 0xFE && (a[p + 2] == (byte) 0xFD || a[p + 2] == (byte) 0xFF) ? 0 : BAD;
    }

    private static int u16(byte[] a, int p) {
        return (a[p] & 0xFF) << 8 | a[p + 1] & 0xFF;
    }

    private static int readInt(byte[] a, int p) {
        return u16(a, p) << 16 | u16(a, p + 2);
    }
}
