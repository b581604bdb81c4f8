package org.teleopmon.detector.webrtc.internal;

/**
 * STUN (RFC 8489) and its TURN methods (RFC 8656), read in place. Only messages with the magic
 * cookie count: the classic RFC 3489 form has none and is not used by ICE.
 */
final class Stun {

    static final long MAGIC_COOKIE = 0x2112A442L;
    static final int HEADER = 20;

    static final int BINDING = 0x001;
    static final int ALLOCATE = 0x003;
    static final int REFRESH = 0x004;
    static final int SEND = 0x006;
    static final int DATA = 0x007;
    static final int CREATE_PERMISSION = 0x008;
    static final int CHANNEL_BIND = 0x009;

    static final int REQUEST = 0;
    static final int INDICATION = 1;
    static final int SUCCESS = 2;
    static final int ERROR = 3;

    static final int ATTR_USERNAME = 0x0006;
    static final int ATTR_XOR_PEER_ADDRESS = 0x0012;
    static final int ATTR_DATA = 0x0013;
    static final int ATTR_USE_CANDIDATE = 0x0025;
    static final int ATTR_ICE_CONTROLLED = 0x8029;
    static final int ATTR_ICE_CONTROLLING = 0x802A;

    private Stun() {
    }

    /** Whether this is a whole STUN message: top bits 00, cookie, a 4-aligned length that fits. */
    static boolean isStun(byte[] b, int off, int len) {
        return isStun(b, off, len, len);
    }

    static boolean isStun(byte[] b, int off, int len, int declared) {
        if (len < HEADER || (b[off] & 0xC0) != 0 || Bytes.u32(b, off + 4) != MAGIC_COOKIE) {
            return false;
        }
        int bodyLength = Bytes.u16(b, off + 2);
        return (bodyLength & 3) == 0 && HEADER + bodyLength <= declared;
    }

    static int method(byte[] b, int off) {
        int type = Bytes.u16(b, off);
        return (type & 0x000F) | (type & 0x00E0) >> 1 | (type & 0x3E00) >> 2;
    }

    static int messageClass(byte[] b, int off) {
        int type = Bytes.u16(b, off);
        return (type & 0x0010) >> 4 | (type & 0x0100) >> 7;
    }

    /** The high 32 bits of the 96-bit transaction id. */
    static long transactionHigh(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }

    /** The low 64 bits of the 96-bit transaction id. */
    static long transactionLow(byte[] b, int off) {
        return Bytes.u64(b, off + 12);
    }

    /**
     * The offset of the first attribute of this type, or -1. The value starts 4 bytes later; its
     * length is {@link #attributeLength}. A length that runs past the message ends the search, as does the end of the captured bytes ({@code len}).
     */
    static int findAttribute(byte[] b, int off, int len, int type) {
        int end = Math.min(off + len, off + HEADER + Bytes.u16(b, off + 2));
        int at = off + HEADER;
        while (at + 4 <= end) {
            int length = Bytes.u16(b, at + 2);
            if (at + 4 + length > end) {
                return -1;
            }
            if (Bytes.u16(b, at) == type) {
                return at;
            }
            at += 4 + (length + 3 & ~3);
        }
        return -1;
    }

    static int attributeLength(byte[] b, int attribute) {
        return Bytes.u16(b, attribute + 2);
    }

    /**
     * XOR-PEER-ADDRESS / XOR-MAPPED-ADDRESS as text ({@code 10.0.0.7:50000}), or null when the
     * attribute is malformed. Allocates: called for rare TURN control messages only.
     */
    static String xorAddress(byte[] b, int off, int attribute) {
        int length = attributeLength(b, attribute);
        int value = attribute + 4;
        if (length < 8) {
            return null;
        }
        int family = Bytes.u8(b, value + 1);
        int port = Bytes.u16(b, value + 2) ^ 0x2112;
        if (family == 1 && length >= 8) {
            long ip = Bytes.u32(b, value + 4) ^ MAGIC_COOKIE;
            return (ip >> 24 & 0xFF) + "." + (ip >> 16 & 0xFF) + "." + (ip >> 8 & 0xFF) + "." + (ip & 0xFF) + ":" + port;
        }
        if (family == 2 && length >= 20) {
            byte[] ip = new byte[16];
            for (int i = 0; i < 16; i++) {
                ip[i] = (byte) (b[value + 4 + i] ^ b[off + 4 + i]);
            }
            return "[" + Addresses.text(ip, 0, 16) + "]:" + port;
        }
        return null;
    }
}
