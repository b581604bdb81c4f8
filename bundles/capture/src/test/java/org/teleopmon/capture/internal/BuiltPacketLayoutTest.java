package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.testsupport.BuiltPacket;

/** The detectors' test packets are what this decoder makes of the same bytes, field for field. */
class BuiltPacketLayoutTest {

    @Test
    void builtPacketsDecodeToThemselves() {
        List<BuiltPacket> packets = List.of(
                BuiltPacket.tcp(1_000, "10.0.0.7", 40000, "10.0.0.2", 5555, 0xFFFF_FFF0L, Packet.TCP_PSH | Packet.TCP_ACK,
                        "command".getBytes()),
                BuiltPacket.udp(2_000, "192.168.1.20", 50000, "192.168.1.77", 60000, new byte[300]),
                BuiltPacket.udp(3_000, "fe80::1", 3478, "2001:db8::7", 61000, new byte[20]),
                BuiltPacket.tcp(4_000, "2001:db8::1", 5349, "2001:db8::2", 40001, 7, Packet.TCP_SYN, new byte[0]));
        PacketDecoder decoder = new PacketDecoder();
        for (BuiltPacket built : packets) {
            byte[] frame = built.array();
            assertThat(decoder.decode(frame, frame.length, frame.length, LinkLayer.ETHERNET, built.timestampNanos()))
                    .as("decoded: %s", built).isTrue();
            Packet decoded = decoder.packet();
            assertThat(decoded.ipVersion()).isEqualTo(built.ipVersion());
            assertThat(decoded.transport()).isEqualTo(built.transport());
            assertThat(decoded.srcPort()).isEqualTo(built.srcPort());
            assertThat(decoded.dstPort()).isEqualTo(built.dstPort());
            assertThat(decoded.tcpSeq()).isEqualTo(built.tcpSeq());
            assertThat(decoded.tcpFlags()).isEqualTo(built.tcpFlags());
            assertThat(decoded.srcAddressOffset()).isEqualTo(built.srcAddressOffset());
            assertThat(decoded.dstAddressOffset()).isEqualTo(built.dstAddressOffset());
            assertThat(decoded.srcAddress()).isEqualTo(built.srcAddress());
            assertThat(decoded.dstAddress()).isEqualTo(built.dstAddress());
            assertThat(decoded.payloadOffset()).isEqualTo(built.payloadOffset());
            assertThat(decoded.payloadLength()).isEqualTo(built.payloadLength());
            assertThat(decoded.declaredPayloadLength()).isEqualTo(built.declaredPayloadLength());
            assertThat(decoded.wireLength()).isEqualTo(built.wireLength());
        }
    }
}
