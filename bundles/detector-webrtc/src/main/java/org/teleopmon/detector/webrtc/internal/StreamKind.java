package org.teleopmon.detector.webrtc.internal;

/** What an RTP stream carries, as far as the clear-text header tells. */
enum StreamKind {
    VIDEO, AUDIO,
    /** Retransmissions and padding probes (RFC 4588) on their own SSRC. */
    RTX,
    UNKNOWN;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
