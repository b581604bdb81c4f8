package org.teleopmon.detector.network.internal;

/**
 * Whether a UDP flow's datagrams look like WebRTC media or its handshakes (RTP/RTCP version 2 with a
 * steady SSRC, STUN with its magic cookie, DTLS records): then the WebRTC detector decodes the flow, and a
 * pattern on it only corroborates that detector. A cheap look at the first {@value #SAMPLES} datagrams,
 * not a decoder: the WebRTC detector does the real work.
 */
final class PayloadHint {

    private static final int SAMPLES = 32;
    private static final int STUN_COOKIE = 0x2112A442;

    private int samples;
    private int matches;
    private final long[] ssrc = {-1, -1};

    void reset() {
        samples = matches = 0;
        ssrc[0] = ssrc[1] = -1;
    }

    /** A datagram's payload; {@code ab} tells its direction (each direction has its own SSRC). */
    void datagram(byte[] b, int offset, int length, boolean ab) {
        if (samples >= SAMPLES) {
            return;
        }
        samples++;
        if (looksLikeWebRtc(b, offset, length, ab ? 0 : 1)) {
            matches++;
        }
    }

    /** At least 80 % of the sampled datagrams (and at least 8) looked like WebRTC. */
    boolean webRtc() {
        return samples >= 8 && matches * 10 >= samples * 8;
    }

    private boolean looksLikeWebRtc(byte[] b, int o, int n, int direction) {
        if (n < 12) {
            return false;
        }
        int first = b[o] & 0xFF;
        if (first <= 1 && n >= 20) {
            int cookie = (b[o + 4] & 0xFF) << 24 | (b[o + 5] & 0xFF) << 16 | (b[o + 6] & 0xFF) << 8 | b[o + 7] & 0xFF;
            return cookie == STUN_COOKIE;
        }
        if (first >= 20 && first <= 25) {
            return (b[o + 1] & 0xFF) == 0xFE;
        }
        if ((first & 0xC0) != 0x80) {
            return false;
        }
        int second = b[o + 1] & 0xFF;
        if (second >= 192 && second <= 223) {
            return true;
        }
        long s = (b[o + 8] & 0xFFL) << 24 | (b[o + 9] & 0xFF) << 16 | (b[o + 10] & 0xFF) << 8 | b[o + 11] & 0xFF;
        boolean same = ssrc[direction] < 0 || s == ssrc[direction];
        ssrc[direction] = s;
        return same;
    }
}
