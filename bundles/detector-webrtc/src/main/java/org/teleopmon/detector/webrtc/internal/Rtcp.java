package org.teleopmon.detector.webrtc.internal;

/**
 * RTCP (RFC 3550 section 6) as muxed with RTP (RFC 5761): the packet type byte 192..223 tells it
 * apart. In SRTCP the first header and the sender SSRC stay in clear text.
 */
final class Rtcp {

    static final int SENDER_REPORT = 200;
    static final int RECEIVER_REPORT = 201;

    private Rtcp() {
    }

    static boolean isRtcp(byte[] b, int off, int len) {
        return isRtcp(b, off, len, len);
    }

    static boolean isRtcp(byte[] b, int off, int len, int declared) {
        if (len < 8 || (b[off] & 0xC0) != 0x80) {
            return false;
        }
        int type = b[off + 1] & 0xFF;
        return type >= 192 && type <= 223 && 4 * (Bytes.u16(b, off + 2) + 1) <= declared;
    }

    static int packetType(byte[] b, int off) {
        return b[off + 1] & 0xFF;
    }
}
