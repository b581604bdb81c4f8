package org.teleopmon.detector.webrtc.internal;

/**
 * The RTP fixed header (RFC 3550 section 5.1), read in place. SRTP encrypts only the payload, so
 * all of this is visible on a WebRTC call.
 */
final class Rtp {

    static final int FIXED_HEADER = 12;

    private Rtp() {
    }

    /** Version 2 and a header (CSRCs and extension included) that fits the packet. */
    static boolean isRtp(byte[] b, int off, int len) {
        return isRtp(b, off, len, len);
    }

    static boolean isRtp(byte[] b, int off, int len, int declared) {
        return len >= FIXED_HEADER && (b[off] & 0xC0) == 0x80 && headerLength(b, off, len, declared) > 0;
    }

    /** Header bytes including CSRCs and the extension, or -1 when they run past the packet. */
    static int headerLength(byte[] b, int off, int len, int declared) {
        int header = FIXED_HEADER + 4 * (b[off] & 0x0F);
        if ((b[off] & 0x10) != 0) {
            if (header + 4 > len) {
                return -1;
            }
            header += 4 + 4 * Bytes.u16(b, off + header + 2);
        }
        return header <= declared ? header : -1;
    }

    static boolean padding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7F;
    }

    static int sequence(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    static long timestamp(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    static long ssrc(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }
}
