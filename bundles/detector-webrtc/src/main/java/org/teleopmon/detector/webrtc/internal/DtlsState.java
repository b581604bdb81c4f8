package org.teleopmon.detector.webrtc.internal;

/** What one flow's DTLS records showed: version, handshake progress, encrypted data volume. */
final class DtlsState {

    /** 12, 13, or 0 while unknown. */
    int version;
    boolean clientHello;
    boolean serverHello;
    long handshakeRecords;
    /** Application data: SCTP data channels in WebRTC. */
    long dataRecords;
    long dataBytes;
    long alerts;
    /**
     * Alert records after the handshake (epoch above 0, so encrypted): in WebRTC a close_notify when a peer
     * closes its connection, or a fatal alert; either ends the DTLS association.
     */
    long closeAlerts;
    long malformed;

    boolean seen() {
        return clientHello || serverHello || handshakeRecords > 0 || dataRecords > 0;
    }

    String versionText() {
        return version == 13 ? "1.3" : version == 12 ? "1.2" : seen() ? "?" : "-";
    }
}
