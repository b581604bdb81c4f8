package org.teleopmon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.Packet;

class BuiltPacketTest {

    @Test
    void anIpv4TcpSegmentHasItsHeadersWhereTheCaptureFindsThem() {
        byte[] data = "xxhelloxx".getBytes();
        BuiltPacket p = BuiltPacket.tcp(7, "10.0.0.7", 40000, "10.0.0.2", 5555, 1000, Packet.TCP_PSH, data, 2, 5);

        assertThat(p.transport()).isEqualTo(Packet.TCP);
        assertThat(p.srcAddress().getHostAddress()).isEqualTo("10.0.0.7");
        assertThat(p.dstAddress().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(p.payloadOffset()).isEqualTo(54);
        assertThat(new String(p.array(), p.payloadOffset(), p.payloadLength())).isEqualTo("hello");
        assertThat(p.array()[14] & 0xff).as("IPv4, 20-byte header").isEqualTo(0x45);
        assertThat(p.array()[23]).as("protocol").isEqualTo((byte) Packet.TCP);
        assertThat(((p.array()[36] & 0xff) << 8) | (p.array()[37] & 0xff)).as("destination port").isEqualTo(5555);
        assertThat(p.wireLength()).isEqualTo(p.array().length).isEqualTo(59);
    }

    @Test
    void aSnappedIpv6DatagramDeclaresMoreThanItCarries() {
        BuiltPacket p = BuiltPacket.udpSnapped(7, "fe80::1", 50000, "fe80::2", 60000, new byte[1000], 32);

        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(p.srcAddressOffset()).isEqualTo(22);
        assertThat(p.dstAddressOffset()).isEqualTo(38);
        assertThat(p.payloadOffset()).isEqualTo(62);
        assertThat(p.payloadLength()).isEqualTo(32);
        assertThat(p.declaredPayloadLength()).isEqualTo(1000);
        assertThat(p.array()).hasSize(62 + 32);
        assertThat(p.wireLength()).isEqualTo(62 + 1000);
    }

    @Test
    void aCopyKeepsEveryFieldAndItsOwnBytes() {
        BuiltPacket original = BuiltPacket.udp(9, "127.0.0.1", 1, "127.0.0.1", 2, new byte[] {1, 2, 3});
        BuiltPacket copy = BuiltPacket.copyOf(original);
        original.array()[original.payloadOffset()] = 99;

        assertThat(copy.array()[copy.payloadOffset()]).isEqualTo((byte) 1);
        assertThat(copy).usingRecursiveComparison().ignoringFields("frame").isEqualTo(original);
        assertThat(Arrays.copyOf(copy.frameCutTo(10).array(), 10)).hasSize(10);
    }
}
