package org.teleopmon.capture.internal;

/**
 * Finds the IP header behind a link-layer header, for the link types libpcap gives on Linux
 * ({@code lo} and Ethernet give Ethernet, {@code any} gives Linux cooked v1 or v2, tunnels give
 * raw IP) and the BSD loopback types found in users' capture files.
 */
final class LinkLayer {

    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 12;
    static final int RAW_OPENBSD = 14;
    static final int LINKTYPE_RAW = 101;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 2;

    private LinkLayer() {
    }

    /** Offset of the IP header in the frame, or -1 when the frame carries no IP or is cut short. */
    static int networkOffset(byte[] frame, int length, int linkType) {
        switch (linkType) {
            case ETHERNET:
                return ethernet(frame, length);
            case LINUX_SLL:
                return ipIfEtherType(frame, length, 14, 16);
            case LINUX_SLL2:
                return ipIfEtherType(frame, length, 0, 20);
            case RAW:
            case RAW_OPENBSD:
            case LINKTYPE_RAW:
            case IPV4:
            case IPV6:
                return 0;
            case NULL:
            case LOOP:
                // The address family's byte order differs by writer; the IP version nibble decides.
                return length >= 4 ? 4 : -1;
            default:
                return -1;
        }
    }

    private static int ethernet(byte[] frame, int length) {
        int typeAt = 12;
        for (int tags = 0; tags <= MAX_VLAN_TAGS; tags++) {
            if (length < typeAt + 2) {
                return -1;
            }
            int type = Bytes.u16(frame, typeAt);
            if (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
                typeAt += 4;
            } else {
                return isIp(type) ? typeAt + 2 : -1;
            }
        }
        return -1;
    }

    private static int ipIfEtherType(byte[] frame, int length, int typeAt, int headerLength) {
        if (length < headerLength) {
            return -1;
        }
        return isIp(Bytes.u16(frame, typeAt)) ? headerLength : -1;
    }

    private static boolean isIp(int etherType) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
    }
}
