package org.teleopmon.detector.webrtc.internal;

/**
 * Tells what a UDP payload (or an ICE-TCP / TURN frame) is from its content, by the first-byte
 * ranges of RFC 7983 as updated by RFC 9443, and then checks that the header is plausible: a
 * range alone is not enough, because QUIC, DNS and NTP datagrams fall into the same ranges.
 */
final class Demux {

    enum Kind { STUN, DTLS, CHANNEL_DATA, RTP, RTCP, OTHER }

    private Demux() {
    }

    static Kind classify(byte[] b, int off, int len) {
        return classify(b, off, len, len);
    }

    /**
     * Classifies a payload of which only {@code len} bytes were captured (the snap length may cut
     * it) out of {@code declared} on the wire. Length fields are checked against {@code declared};
     * nothing past {@code len} is read.
     */
    static Kind classify(byte[] b, int off, int len, int declared) {
        if (len < 4) {
            return Kind.OTHER;
        }
        int first = b[off] & 0xFF;
        if (first <= 3) {
            return Stun.isStun(b, off, len, declared) ? Kind.STUN : Kind.OTHER;
        }
        if (first >= 20 && first <= 63) {
            return Dtls.isDtls(b, off, len, declared) ? Kind.DTLS : Kind.OTHER;
        }
        if (first >= 64 && first <= 79) {
            return isChannelData(b, off, declared) ? Kind.CHANNEL_DATA : Kind.OTHER;
        }
        if (first >= 128 && first <= 191) {
            if (Rtcp.isRtcp(b, off, len, declared)) {
                return Kind.RTCP;
            }
            // RFC 5761 section 4: muxed RTP cannot use payload types 64..95, so an RTCP type byte
            // whose length does not fit is a broken RTCP packet, not RTP with the marker bit.
            int type = b[off + 1] & 0xFF;
            boolean rtcpType = type >= 192 && type <= 223;
            return !rtcpType && Rtp.isRtp(b, off, len, declared) ? Kind.RTP : Kind.OTHER;
        }
        return Kind.OTHER;
    }

    /**
     * TURN ChannelData (RFC 8656 section 12): the length field must account for the datagram,
     * allowing the optional padding to 4 bytes. QUIC short headers share this first-byte range
     * and almost never satisfy it.
     */
    static boolean isChannelData(byte[] b, int off, int len) {
        int dataLength = Bytes.u16(b, off + 2);
        int slack = len - 4 - dataLength;
        return dataLength > 0 && slack >= 0 && slack < 4;
    }

    static int channelNumber(byte[] b, int off) {
        return Bytes.u16(b, off);
    }
}
