package org.teleopmon.detector.webrtc.live;

/**
 * First-byte and header checks on UDP payloads (RFC 7983 demultiplexing, RTP, QUIC), for tests that
 * check what the generators put on the wire. Deliberately naive: the detector has the real parsers.
 */
public final class Wire {

    private Wire() {
    }

    /** STUN: first byte 0-3 and the magic cookie 0x2112A442 at offset 4. */
    public static boolean isStun(byte[] p) {
        return p.length >= 20 && (p[0] & 0xff) <= 3 && intAt(p, 4) == 0x2112A442;
    }

    /** DTLS record with the full plaintext header (content type 20-25, version major byte 0xFE). */
    public static boolean isDtlsPlainHeader(byte[] p) {
        return p.length >= 13 && (p[0] & 0xff) >= 20 && (p[0] & 0xff) <= 25 && (p[1] & 0xff) == 0xfe;
    }

    /** DTLS 1.3 unified header (RFC 9147: first bits 001). */
    public static boolean isDtls13Unified(byte[] p) {
        return p.length >= 2 && (p[0] & 0xe0) == 0x20;
    }

    /** RTP or RTCP (first byte 128-191, version 2). */
    public static boolean isRtpOrRtcp(byte[] p) {
        return p.length >= 12 && (p[0] & 0xc0) == 0x80;
    }

    /** RTCP by RFC 5761: version 2 and packet type 192-223. */
    public static boolean isRtcp(byte[] p) {
        return isRtpOrRtcp(p) && (p[1] & 0xff) >= 192 && (p[1] & 0xff) <= 223;
    }

    /** The RTP SSRC. */
    public static long rtpSsrc(byte[] p) {
        return intAt(p, 8) & 0xffffffffL;
    }

    /** The RTP payload type. */
    public static int rtpPayloadType(byte[] p) {
        return p[1] & 0x7f;
    }

    /** The RTP marker bit. */
    public static boolean rtpMarker(byte[] p) {
        return (p[1] & 0x80) != 0;
    }

    /** The RTP timestamp. */
    public static long rtpTimestamp(byte[] p) {
        return intAt(p, 4) & 0xffffffffL;
    }

    /** The RTP sequence number. */
    public static int rtpSequence(byte[] p) {
        return ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    }

    /**
     * QUIC v1 or v2 long header: header form bit set and the version. The fixed bit is not checked:
     * ngtcp2 greases it (RFC 9287), so its Initials start with 0x80-0xBF, inside the RTP/RTCP range.
     */
    public static boolean isQuicLongHeader(byte[] p) {
        if (p.length < 7 || (p[0] & 0x80) == 0) {
            return false;
        }
        int version = intAt(p, 1);
        return version == 0x00000001 || version == 0x6b3343cf;
    }

    /**
     * QUIC short (1-RTT) header, for a datagram already known to be QUIC: header form bit clear. With a
     * greased fixed bit its first byte is 0x00-0x3F, inside the STUN, ZRTP and DTLS ranges of RFC 7983.
     */
    public static boolean isQuicShortHeader(byte[] p) {
        return p.length >= 2 && (p[0] & 0x80) == 0;
    }

    private static int intAt(byte[] p, int at) {
        return ((p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
    }
}
