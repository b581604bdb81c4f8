package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.testsupport.Frames.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.teleopmon.api.capture.Packet;

class PacketDecoderTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TCP_V4 = ipv4(6, tcp(5555, 40000, 0xFFFF_FFF0L, 7, Packet.TCP_PSH | Packet.TCP_ACK,
            new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, HELLO));

    private final PacketDecoder decoder = new PacketDecoder();

    private DecodedPacket decode(byte[] frame, int linkType) {
        assertThat(decoder.decode(frame, frame.length, frame.length, linkType, 42)).as("decoded").isTrue();
        return decoder.packet();
    }

    private boolean decodes(byte[] frame, int captured, int linkType) {
        return decoder.decode(frame, captured, frame.length, linkType, 0);
    }

    @Test
    void ipv4TcpWithOptionsOverEthernet() {
        DecodedPacket p = decode(ethernet(0x0800, TCP_V4), LinkLayer.ETHERNET);
        assertThat(p.ipVersion()).isEqualTo(4);
        assertThat(p.transport()).isEqualTo(Packet.TCP);
        assertThat(p.srcPort()).isEqualTo(5555);
        assertThat(p.dstPort()).isEqualTo(40000);
        assertThat(p.tcpSeq()).isEqualTo(0xFFFF_FFF0L);
        assertThat(p.tcpAck()).isEqualTo(7);
        assertThat(p.tcpFlags()).isEqualTo(Packet.TCP_PSH | Packet.TCP_ACK);
        assertThat(payload(p)).isEqualTo(HELLO);
        assertThat(p.declaredPayloadLength()).isEqualTo(5);
        assertThat(p.srcAddress().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(p.dstAddress().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(p.timestampNanos()).isEqualTo(42);
    }

    @Test
    void everyLinkTypeFindsTheSamePacket() {
        Map<Integer, byte[]> frames = Map.of(
                LinkLayer.ETHERNET, vlan(0x0800, TCP_V4),
                LinkLayer.LINUX_SLL, sll(0x0800, TCP_V4),
                LinkLayer.LINUX_SLL2, sll2(0x0800, TCP_V4),
                LinkLayer.RAW, TCP_V4,
                LinkLayer.LINKTYPE_RAW, TCP_V4,
                LinkLayer.IPV4, TCP_V4,
                LinkLayer.NULL, bsdNull(TCP_V4),
                LinkLayer.LOOP, bsdNull(TCP_V4));
        frames.forEach((linkType, frame) -> {
            DecodedPacket p = decode(frame, linkType);
            assertThat(p.srcPort()).as("link type %d", linkType).isEqualTo(5555);
            assertThat(payload(p)).as("link type %d", linkType).isEqualTo(HELLO);
        });
    }

    @Test
    void ipv4OptionsAndUdp() {
        byte[] frame = ipv4(17, new byte[] {1, 1, 1, 0}, 0, udp(3478, 50000, HELLO));
        DecodedPacket p = decode(frame, LinkLayer.RAW);
        assertThat(p.transport()).isEqualTo(Packet.UDP);
        assertThat(p.srcPort()).isEqualTo(3478);
        assertThat(p.tcpFlags()).isZero();
        assertThat(payload(p)).isEqualTo(HELLO);
    }

    @Test
    void ipv6SkipsExtensionHeadersAndAtomicFragments() {
        byte[] chain = concat(extension(60, 0, 0), extension(44, 0, 0), extension(6, 0, 0));
        byte[] frame = ipv6(0, chain, tcp(1, 5556, 1, 2, Packet.TCP_ACK, new byte[0], HELLO));
        DecodedPacket p = decode(ethernet(0x86DD, frame), LinkLayer.ETHERNET);
        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(p.dstPort()).isEqualTo(5556);
        assertThat(payload(p)).isEqualTo(HELLO);
        assertThat(p.srcAddress().getHostAddress()).startsWith("2000:");
        assertThat(p.addressLength()).isEqualTo(16);
    }

    @Test
    void fragmentsAreSkipped() {
        assertThat(decodes(ipv4(17, new byte[0], 0x2000, udp(1, 2, HELLO)), 100, LinkLayer.RAW)).as("more fragments").isFalse();
        assertThat(decodes(ipv4(17, new byte[0], 0x0010, udp(1, 2, HELLO)), 100, LinkLayer.RAW)).as("later fragment").isFalse();
        byte[] v6 = ipv6(44, extension(17, 0, 0x0001), udp(1, 2, HELLO));
        assertThat(decodes(v6, v6.length, LinkLayer.RAW)).as("IPv6 first fragment").isFalse();
    }

    @Test
    void snappedPayloadKeepsItsDeclaredLength() {
        byte[] frame = ethernet(0x0800, ipv4(6, tcp(1, 2, 0, 0, 0, new byte[0], new byte[1000])));
        int captured = 14 + 20 + 20 + 100;
        assertThat(decoder.decode(frame, captured, frame.length, LinkLayer.ETHERNET, 0)).isTrue();
        assertThat(decoder.packet().payloadLength()).isEqualTo(100);
        assertThat(decoder.packet().declaredPayloadLength()).isEqualTo(1000);
        assertThat(decoder.packet().wireLength()).isEqualTo(frame.length);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = concat(ethernet(0x0800, ipv4(6, tcp(1, 2, 0, 0, Packet.TCP_ACK, new byte[0], new byte[0]))), new byte[6]);
        DecodedPacket p = decode(frame, LinkLayer.ETHERNET);
        assertThat(p.payloadLength()).isZero();
        assertThat(p.declaredPayloadLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkLayer.ETHERNET, LinkLayer.LINUX_SLL, LinkLayer.LINUX_SLL2, LinkLayer.RAW, LinkLayer.NULL})
    void everyTruncationIsRejectedOrConsistent(int linkType) {
        byte[] packet = TCP_V4;
        byte[] v6 = ipv6(0, extension(17, 0, 0), udp(1, 2, HELLO));
        for (byte[] ip : new byte[][] {packet, v6}) {
            byte[] frame = frameFor(linkType, ip);
            int headers = frame.length - HELLO.length;
            for (int cut = 0; cut < frame.length; cut++) {
                boolean ok = decodes(frame, cut, linkType);
                // Cut inside the headers: rejected. Cut inside the payload: a snapped packet.
                assertThat(ok).as("cut at %d of %d", cut, frame.length).isEqualTo(cut >= headers);
                if (ok) {
                    assertThat(decoder.packet().payloadLength()).isEqualTo(cut - headers);
                    assertThat(decoder.packet().declaredPayloadLength()).isEqualTo(HELLO.length);
                }
            }
        }
    }

    @Test
    void lyingLengthsAreRejected() {
        byte[] frame = TCP_V4.clone();
        frame[2] = (byte) 0xFF; // total length beyond the wire
        assertThat(decodes(frame, frame.length, LinkLayer.RAW)).isFalse();
        frame = TCP_V4.clone();
        frame[0] = 0x44; // header length 16 < 20
        assertThat(decodes(frame, frame.length, LinkLayer.RAW)).isFalse();
        frame = TCP_V4.clone();
        frame[20 + 12] = 0x40; // TCP data offset 16 < 20
        assertThat(decodes(frame, frame.length, LinkLayer.RAW)).isFalse();
        byte[] udp = ipv4(17, udp(1, 2, HELLO));
        udp[20 + 5] = 4; // UDP length 4 < 8
        assertThat(decodes(udp, udp.length, LinkLayer.RAW)).isFalse();
        assertThat(decodes(ethernet(0x0806, TCP_V4), 100, LinkLayer.ETHERNET)).as("ARP").isFalse();
        assertThat(decodes(TCP_V4, TCP_V4.length, 9999)).as("unknown link type").isFalse();
        assertThat(decodes(ipv4(1, new byte[8]), 28, LinkLayer.RAW)).as("ICMP").isFalse();
    }

    @Test
    void garbageAndMutationsNeverThrow() {
        Random random = new Random(4);
        byte[][] seeds = {ethernet(0x0800, TCP_V4), ethernet(0x86DD, ipv6(0, extension(43, 0, 0), tcp(1, 2, 0, 0, 0, new byte[0], HELLO))),
            sll2(0x0800, ipv4(17, udp(1, 2, HELLO))), new byte[64]};
        int[] linkTypes = {LinkLayer.ETHERNET, LinkLayer.LINUX_SLL, LinkLayer.LINUX_SLL2, LinkLayer.RAW, LinkLayer.NULL};
        int decoded = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] frame = i % 4 == 3 ? new byte[random.nextInt(128)] : seeds[i % seeds.length].clone();
            if (i % 4 == 3) {
                random.nextBytes(frame);
            } else {
                for (int m = random.nextInt(4); m >= 0; m--) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt();
                }
            }
            int captured = random.nextInt(frame.length + 1);
            int wire = random.nextBoolean() ? frame.length : random.nextInt(frame.length + 1);
            if (decoder.decode(frame, captured, wire, linkTypes[i % linkTypes.length], i)) {
                decoded++;
                DecodedPacket p = decoder.packet();
                assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(captured);
                assertThat(p.payloadLength()).isBetween(0, p.declaredPayloadLength());
                assertThat(p.srcAddressOffset() + p.addressLength()).isLessThanOrEqualTo(captured);
            }
        }
        assertThat(decoded).as("the mutations still decode sometimes").isPositive();
    }

    private static byte[] frameFor(int linkType, byte[] ip) {
        int etherType = (ip[0] >> 4) == 4 ? 0x0800 : 0x86DD;
        switch (linkType) {
            case LinkLayer.ETHERNET:
                return ethernet(etherType, ip);
            case LinkLayer.LINUX_SLL:
                return sll(etherType, ip);
            case LinkLayer.LINUX_SLL2:
                return sll2(etherType, ip);
            case LinkLayer.NULL:
                return bsdNull(ip);
            default:
                return ip;
        }
    }

    private static byte[] payload(Packet p) {
        return Arrays.copyOfRange(p.array(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }
}
