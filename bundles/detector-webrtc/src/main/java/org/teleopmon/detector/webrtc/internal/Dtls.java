package org.teleopmon.detector.webrtc.internal;

/**
 * DTLS records read in place: the DTLS 1.0/1.2 plaintext header (RFC 6347) and the DTLS 1.3
 * unified header (RFC 9147 section 4), several records per datagram. Everything after the
 * handshake is encrypted; what remains visible is the version, the record kinds and their sizes.
 */
final class Dtls {

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int ACK = 26;

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;

    private static final int PLAINTEXT_HEADER = 13;
    /**
     * A DTLS 1.3 record hides its content type, but not its length: an alert is 2 bytes, plus the inner content
     * type and a 16-byte AEAD tag (RFC 9147 section 4; WebRTC stacks do not pad). No SCTP packet is that short
     * (its common header and one chunk header are 16 bytes), so a 19-byte ciphertext is an alert.
     */
    static final int CLOSE_ALERT_13 = 2 + 1 + 16;
    private static final int HANDSHAKE_HEADER = 12;
    private static final int DTLS13 = 0xFEFC;
    private static final int SUPPORTED_VERSIONS = 43;

    private Dtls() {
    }

    /** Whether the datagram starts with a plausible DTLS record. */
    static boolean isDtls(byte[] b, int off, int len) {
        return isDtls(b, off, len, len);
    }

    /**
     * As {@link #isDtls(byte[], int, int)} for a payload cut to {@code len} of {@code declared} bytes.
     * A datagram must not start with a DTLS 1.3 record without a length: only the last record may
     * omit it (RFC 9147 section 4), and such a first byte is also an NTP client's (0x23) or a DNS id.
     */
    static boolean isDtls(byte[] b, int off, int len, int declared) {
        int first = b[off] & 0xFF;
        boolean lengthless = first >= 0x20 && first <= 0x3F && (first & 0x04) == 0;
        return !lengthless && recordLength(b, off, len, declared) > 0;
    }

    /**
     * Reads every record of the datagram into {@code seen}. Returns false, having counted what it
     * could, when a record is malformed. Records past the captured {@code len} bytes of the
     * {@code declared} ones are not read.
     */
    static boolean read(byte[] b, int off, int len, int declared, DtlsState seen) {
        int end = off + declared;
        int capturedEnd = off + len;
        int at = off;
        while (at < end) {
            if (at >= capturedEnd) {
                return true;
            }
            int first = b[at] & 0xFF;
            int recordLength = recordLength(b, at, capturedEnd - at, end - at);
            if (recordLength <= 0) {
                // A header cut by the snap length is not malformed.
                return capturedEnd - at < (first < 0x20 ? PLAINTEXT_HEADER : 5);
            }
            if (first < 0x20) {
                plaintext(b, at, first, capturedEnd, seen);
            } else if ((first & 0x03) == 2) {
                seen.version = 13;
                seen.handshakeRecords++;
            } else if (ciphertextLength(first, recordLength) == CLOSE_ALERT_13) {
                seen.version = 13;
                seen.alerts++;
                seen.closeAlerts++;
            } else {
                seen.version = 13;
                seen.dataRecords++;
                seen.dataBytes += recordLength;
            }
            at += recordLength;
        }
        return true;
    }

    private static void plaintext(byte[] b, int at, int type, int capturedEnd, DtlsState seen) {
        int epoch = Bytes.u16(b, at + 3);
        int length = Bytes.u16(b, at + 11);
        switch (type) {
            case HANDSHAKE -> {
                seen.handshakeRecords++;
                if (epoch == 0 && length >= HANDSHAKE_HEADER) {
                    hello(b, at + PLAINTEXT_HEADER, Math.min(length, capturedEnd - at - PLAINTEXT_HEADER), seen);
                }
            }
            case APPLICATION_DATA -> {
                seen.dataRecords++;
                seen.dataBytes += PLAINTEXT_HEADER + length;
            }
            case ALERT -> {
                seen.alerts++;
                seen.closeAlerts += epoch > 0 ? 1 : 0;
            }
            case CHANGE_CIPHER_SPEC -> {
                if (seen.version == 0 && seen.serverHello) {
                    seen.version = 12;
                }
            }
            default -> seen.handshakeRecords++;
        }
    }

    private static void hello(byte[] b, int at, int length, DtlsState seen) {
        if (length < HANDSHAKE_HEADER) {
            return;
        }
        int type = b[at] & 0xFF;
        if (type == CLIENT_HELLO) {
            seen.clientHello = true;
        } else if (type == SERVER_HELLO && Bytes.u24(b, at + 6) == 0) {
            seen.serverHello = true;
            int version = serverVersion(b, at + HANDSHAKE_HEADER, at + length);
            if (version == DTLS13) {
                seen.version = 13;
            } else if (version == 0xFEFD && seen.version == 0) {
                seen.version = 12;
            }
        }
    }

    /** The version a ServerHello selects: supported_versions if present, else legacy_version. */
    private static int serverVersion(byte[] b, int at, int end) {
        if (at + 35 > end) {
            return 0;
        }
        int legacy = Bytes.u16(b, at);
        int p = at + 34;
        p += 1 + Bytes.u8(b, p);
        p += 3;
        if (p + 2 > end) {
            return legacy;
        }
        int extensionsEnd = Math.min(end, p + 2 + Bytes.u16(b, p));
        p += 2;
        while (p + 4 <= extensionsEnd) {
            int type = Bytes.u16(b, p);
            int extLength = Bytes.u16(b, p + 2);
            if (type == SUPPORTED_VERSIONS && extLength == 2 && p + 6 <= extensionsEnd) {
                return Bytes.u16(b, p + 4);
            }
            p += 4 + extLength;
        }
        return legacy;
    }

    /**
     * The length of the record at {@code at}, header included, or -1 when it is not plausible.
     * The header must lie within the {@code captured} bytes; the record within {@code available}.
     */
    static int recordLength(byte[] b, int at, int captured, int available) {
        if (captured < 2) {
            return -1;
        }
        int first = b[at] & 0xFF;
        if (first >= CHANGE_CIPHER_SPEC && first <= ACK) {
            if (captured < PLAINTEXT_HEADER || (b[at + 1] & 0xFF) != 0xFE) {
                return -1;
            }
            int minor = b[at + 2] & 0xFF;
            int length = Bytes.u16(b, at + 11);
            boolean knownVersion = minor == 0xFF || minor == 0xFD || minor == 0xFC;
            return knownVersion && length > 0 && PLAINTEXT_HEADER + length <= available ? PLAINTEXT_HEADER + length : -1;
        }
        if (first >= 0x20 && first <= 0x3F) {
            return unifiedLength(first, captured, available, b, at);
        }
        return -1;
    }

    /** The encrypted bytes of a DTLS 1.3 record of {@code recordLength} bytes, header excluded. */
    private static int ciphertextLength(int first, int recordLength) {
        return recordLength - 1 - ((first & 0x08) != 0 ? 2 : 1) - ((first & 0x04) != 0 ? 2 : 0);
    }

    /**
     * DTLS 1.3 unified header 001CSLEE. Connection ids are not used by WebRTC and their length is
     * not on the wire, so a record with the C bit is not accepted.
     */
    private static int unifiedLength(int first, int captured, int available, byte[] b, int at) {
        if ((first & 0x10) != 0) {
            return -1;
        }
        int header = 1 + ((first & 0x08) != 0 ? 2 : 1);
        if ((first & 0x04) == 0) {
            return available > header ? available : -1;
        }
        if (captured < header + 2) {
            return -1;
        }
        int length = Bytes.u16(b, at + header);
        int total = header + 2 + length;
        // An AEAD record carries at least a 16-byte tag.
        return length >= 16 && total <= available ? total : -1;
    }
}
