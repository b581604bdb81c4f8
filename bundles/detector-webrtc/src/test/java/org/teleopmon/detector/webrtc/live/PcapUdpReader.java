package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the IPv4 UDP datagrams of a classic pcap file (what {@link PcapRecorder} writes: Ethernet
 * framing on {@code lo}; Linux cooked captures too), so tests can check what the generators put on
 * the wire independently of the detector's own parsers.
 */
public final class PcapUdpReader {

    /** One datagram; {@code payload} is cut at the snap length, {@code length} is the UDP payload's real size. */
    public record UdpDatagram(long timestampMicros, String src, int srcPort, String dst, int dstPort, int length,
                              byte[] payload) {
    }

    private PcapUdpReader() {
    }

    /** Every IPv4 UDP datagram in the file, in capture order. */
    public static List<UdpDatagram> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
        }
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException(file + " is not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        long fractionPerMicro = magic == 0xa1b23c4d ? 1000 : 1;
        int linkType = in.getInt(20);
        int linkHeader = switch (linkType) {
            case 1 -> 14;
            case 113 -> 16;
            case 276 -> 20;
            default -> throw new IOException(file + " has link type " + linkType + ", not Ethernet or cooked");
        };
        List<UdpDatagram> datagrams = new ArrayList<>();
        for (int at = 24; at + 16 <= in.limit(); ) {
            long micros = (in.getInt(at) & 0xffffffffL) * 1_000_000 + (in.getInt(at + 4) & 0xffffffffL) / fractionPerMicro;
            int captured = in.getInt(at + 8);
            int ip = at + 16 + linkHeader;
            at += 16 + captured;
            ByteBuffer be = in.duplicate().order(ByteOrder.BIG_ENDIAN);
            if (ip + 28 > at || (be.get(ip) >> 4) != 4 || be.get(ip + 9) != 17) {
                continue;
            }
            int udp = ip + (be.get(ip) & 0x0f) * 4;
            int payloadStart = udp + 8;
            byte[] payload = Arrays.copyOfRange(in.array(), Math.min(payloadStart, at), at);
            datagrams.add(new UdpDatagram(micros, address(be, ip + 12), be.getShort(udp) & 0xffff,
                    address(be, ip + 16), be.getShort(udp + 2) & 0xffff, (be.getShort(udp + 4) & 0xffff) - 8,
                    payload));
        }
        return datagrams;
    }

    private static String address(ByteBuffer be, int at) {
        return (be.get(at) & 0xff) + "." + (be.get(at + 1) & 0xff) + "." + (be.get(at + 2) & 0xff) + "."
                + (be.get(at + 3) & 0xff);
    }
}
