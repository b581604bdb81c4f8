package org.teleopmon.capture.internal;

import org.teleopmon.api.capture.Packet;

/**
 * Decodes a captured frame down to TCP or UDP into one reused {@link DecodedPacket}. Every read is
 * bounds-checked against the captured length, so a truncated or hostile frame is rejected
 * ({@code false}) and never throws; IP fragments are rejected too, as their transport header is
 * absent or incomplete.
 */
final class PacketDecoder {

    private static final int MAX_EXTENSION_HEADERS = 8;

    private final DecodedPacket packet = new DecodedPacket();

    DecodedPacket packet() {
        return packet;
    }

    boolean decode(byte[] frame, int captured, int wireLength, int linkType, long timestampNanos) {
        int ip = LinkLayer.networkOffset(frame, captured, linkType);
        if (ip < 0 || ip >= captured) {
            return false;
        }
        DecodedPacket p = packet;
        p.array = frame;
        p.timestampNanos = timestampNanos;
        p.wireLength = wireLength;
        // Offsets past the captured bytes are still meaningful against the wire length.
        int end = Math.max(wireLength, captured);
        int version = Bytes.u8(frame, ip) >>> 4;
        if (version == 4) {
            return ipv4(frame, ip, captured, end);
        }
        return version == 6 && ipv6(frame, ip, captured, end);
    }

    private boolean ipv4(byte[] f, int ip, int captured, int wireEnd) {
        if (captured < ip + 20) {
            return false;
        }
        int headerLength = (Bytes.u8(f, ip) & 0x0F) * 4;
        int totalLength = Bytes.u16(f, ip + 2);
        int fragment = Bytes.u16(f, ip + 6);
        if (headerLength < 20 || (fragment & 0x3FFF) != 0) {
            return false;
        }
        // Zero total length: a segmentation-offload super-packet; the wire length is the truth.
        int ipEnd = totalLength == 0 ? wireEnd : ip + totalLength;
        if (totalLength != 0 && totalLength < headerLength || ipEnd > wireEnd) {
            return false;
        }
        packet.ipVersion = 4;
        packet.srcAddressOffset = ip + 12;
        packet.dstAddressOffset = ip + 16;
        return transport(f, Bytes.u8(f, ip + 9), ip + headerLength, ipEnd, captured);
    }

    private boolean ipv6(byte[] f, int ip, int captured, int wireEnd) {
        if (captured < ip + 40) {
            return false;
        }
        int payloadLength = Bytes.u16(f, ip + 4);
        int ipEnd = payloadLength == 0 ? wireEnd : ip + 40 + payloadLength;
        if (ipEnd > wireEnd) {
            return false;
        }
        int next = Bytes.u8(f, ip + 6);
        int at = ip + 40;
        for (int i = 0; i < MAX_EXTENSION_HEADERS && next != Packet.TCP && next != Packet.UDP; i++) {
            if (captured < at + 8) {
                return false;
            }
            int following = Bytes.u8(f, at);
            switch (next) {
                case 0: // hop-by-hop options
                case 43: // routing
                case 60: // destination options
                    at += (Bytes.u8(f, at + 1) + 1) * 8;
                    break;
                case 44: // fragment: only an atomic fragment (offset 0, no more) is whole
                    if ((Bytes.u16(f, at + 2) & 0xFFF9) != 0) {
                        return false;
                    }
                    at += 8;
                    break;
                case 51: // authentication header
                    at += (Bytes.u8(f, at + 1) + 2) * 4;
                    break;
                default: // ESP, no next header, ICMPv6, ...
                    return false;
            }
            next = following;
        }
        packet.ipVersion = 6;
        packet.srcAddressOffset = ip + 8;
        packet.dstAddressOffset = ip + 24;
        return transport(f, next, at, ipEnd, captured);
    }

    private boolean transport(byte[] f, int protocol, int at, int ipEnd, int captured) {
        if (protocol == Packet.TCP) {
            return tcp(f, at, ipEnd, captured);
        }
        return protocol == Packet.UDP && udp(f, at, ipEnd, captured);
    }

    private boolean tcp(byte[] f, int at, int ipEnd, int captured) {
        if (captured < at + 20) {
            return false;
        }
        int headerLength = (Bytes.u8(f, at + 12) >>> 4) * 4;
        if (headerLength < 20 || captured < at + headerLength || ipEnd < at + headerLength) {
            return false;
        }
        DecodedPacket p = packet;
        p.transport = Packet.TCP;
        p.srcPort = Bytes.u16(f, at);
        p.dstPort = Bytes.u16(f, at + 2);
        p.tcpSeq = Bytes.u32(f, at + 4);
        p.tcpAck = Bytes.u32(f, at + 8);
        p.tcpFlags = Bytes.u8(f, at + 13);
        return payload(at + headerLength, ipEnd, captured);
    }

    private boolean udp(byte[] f, int at, int ipEnd, int captured) {
        if (captured < at + 8) {
            return false;
        }
        int udpLength = Bytes.u16(f, at + 4);
        if (udpLength < 8 || at + udpLength > ipEnd) {
            return false;
        }
        DecodedPacket p = packet;
        p.transport = Packet.UDP;
        p.srcPort = Bytes.u16(f, at);
        p.dstPort = Bytes.u16(f, at + 2);
        p.tcpSeq = 0;
        p.tcpAck = 0;
        p.tcpFlags = 0;
        return payload(at + 8, at + udpLength, captured);
    }

    private boolean payload(int offset, int declaredEnd, int captured) {
        DecodedPacket p = packet;
        p.payloadOffset = offset;
        p.declaredPayloadLength = declaredEnd - offset;
        // Ethernet pads short frames: captured bytes past the declared end are not payload.
        p.payloadLength = Math.max(0, Math.min(declaredEnd, captured) - offset);
        return true;
    }
}
