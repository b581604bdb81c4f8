package org.teleopmon.api.capture;

import java.net.InetAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A captured IPv4 or IPv6 TCP/UDP packet, decoded to the transport layer.
 *
 * <p>A packet is a view over the capture buffer and is valid <em>only during</em>
 * {@link PacketListener#onPacket}: the capture bundle reuses it for the next packet. Copy what you
 * keep. The accessors do not allocate, except {@link #srcAddress()} and {@link #dstAddress()}.
 */
@ProviderType
public interface Packet {

    int TCP = 6;
    int UDP = 17;

    int TCP_FIN = 0x01;
    int TCP_SYN = 0x02;
    int TCP_RST = 0x04;
    int TCP_PSH = 0x08;
    int TCP_ACK = 0x10;

    /** Capture time, nanoseconds since the epoch (microsecond precision from libpcap). */
    long timestampNanos();

    /** 4 or 6. */
    int ipVersion();

    /** {@link #TCP} or {@link #UDP}. */
    int transport();

    int srcPort();

    int dstPort();

    /** TCP sequence number as an unsigned 32-bit value; 0 for UDP. */
    long tcpSeq();

    /** TCP acknowledgement number as an unsigned 32-bit value; 0 for UDP. */
    long tcpAck();

    /** TCP flag bits ({@link #TCP_SYN} etc.); 0 for UDP. */
    int tcpFlags();

    /** The backing array of the whole captured frame. Do not modify and do not keep. */
    byte[] array();

    /** Offset of the source address in {@link #array()}; 4 bytes for IPv4, 16 for IPv6. */
    int srcAddressOffset();

    int dstAddressOffset();

    /** 4 or 16. */
    default int addressLength() {
        return ipVersion() == 4 ? 4 : 16;
    }

    /** Offset of the transport payload in {@link #array()}. */
    int payloadOffset();

    /** Captured payload bytes available at {@link #payloadOffset()} (may be cut by the snap length). */
    int payloadLength();

    /** Payload length the IP header declares; larger than {@link #payloadLength()} when snapped. */
    int declaredPayloadLength();

    /** Length of the frame on the wire. */
    int wireLength();

    /** Allocates: use for new flows only. */
    InetAddress srcAddress();

    /** Allocates: use for new flows only. */
    InetAddress dstAddress();
}
