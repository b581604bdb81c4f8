package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teleopmon.detector.webrtc.internal.Demux.Kind.CHANNEL_DATA;
import static org.teleopmon.detector.webrtc.internal.Demux.Kind.DTLS;
import static org.teleopmon.detector.webrtc.internal.Demux.Kind.OTHER;
import static org.teleopmon.detector.webrtc.internal.Demux.Kind.RTCP;
import static org.teleopmon.detector.webrtc.internal.Demux.Kind.RTP;
import static org.teleopmon.detector.webrtc.internal.Demux.Kind.STUN;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DemuxTest {

    private static Demux.Kind classify(byte[] b) {
        return Demux.classify(b, 0, b.length);
    }

    @Test
    void stunNeedsTheMagicCookieAndALengthThatFits() {
        byte[] request = Wire.bindingRequest(Wire.transaction(1), "abcd:efgh");
        assertThat(classify(request)).isEqualTo(STUN);

        // RFC 3489 classic STUN: the cookie's bytes belong to a random transaction id.
        byte[] classic = request.clone();
        classic[4] = 0x12;
        assertThat(classify(classic)).isEqualTo(OTHER);

        byte[] unaligned = request.clone();
        unaligned[3] = (byte) (request.length - 20 - 2);
        assertThat(classify(unaligned)).isEqualTo(OTHER);

        byte[] overrun = request.clone();
        overrun[3] = (byte) (request.length - 20 + 4);
        assertThat(classify(overrun)).isEqualTo(OTHER);

        // RFC 8489 section 6: the two most significant bits are zero.
        byte[] topBits = request.clone();
        topBits[0] |= 0x40;
        assertThat(classify(topBits)).isNotEqualTo(STUN);
    }

    @Test
    void dtlsPlaintextRecordsOfEveryVersion() {
        assertThat(classify(Wire.clientHello())).isEqualTo(DTLS);
        assertThat(Wire.clientHello()[1] & 0xFF).isEqualTo(0xFE);
        assertThat(Wire.clientHello()[2] & 0xFF).isEqualTo(0xFF);
        byte[] serverHello = Wire.serverHello(0);
        assertThat(serverHello[2] & 0xFF).isEqualTo(0xFD);
        assertThat(classify(serverHello)).isEqualTo(DTLS);
        assertThat(classify(Wire.dtlsRecord(Dtls.CHANGE_CIPHER_SPEC, 0xFEFD, 0, 1, new byte[] {1}))).isEqualTo(DTLS);
        assertThat(classify(Wire.dtlsRecord(Dtls.APPLICATION_DATA, 0xFEFD, 1, 1, new byte[40]))).isEqualTo(DTLS);

        assertThat(classify(Wire.dtlsRecord(Dtls.HANDSHAKE, 0x0303, 0, 0, new byte[40])))
                .as("TLS, not DTLS, version").isEqualTo(OTHER);
        assertThat(classify(Wire.dtlsRecord(Dtls.HANDSHAKE, 0xFEFD, 0, 0, new byte[0]))).as("empty").isEqualTo(OTHER);
        assertThat(classify(Wire.dtlsRecord(27, 0xFEFD, 0, 0, new byte[40]))).as("type 27").isEqualTo(OTHER);
    }

    @Test
    void dtls13UnifiedHeaders() {
        for (int epoch = 0; epoch < 4; epoch++) {
            byte[] withLength = Wire.unified(epoch, 40, true);
            assertThat(withLength[0] & 0xFF).isEqualTo(0x2C + epoch);
            assertThat(classify(withLength)).isEqualTo(DTLS);
            // RFC 9147 section 4: only the last record of a datagram may omit its length. A datagram
            // that starts with such a record cannot be told from NTP (0x23) or a DNS id, so it is not
            // believed; after a record with a length it is.
            byte[] withoutLength = Wire.unified(epoch, 40, false);
            assertThat(withoutLength[0] & 0xFF).isEqualTo(0x28 + epoch);
            assertThat(classify(withoutLength)).isEqualTo(OTHER);
            assertThat(classify(Wire.concat(withLength, withoutLength))).isEqualTo(DTLS);

            // RFC 9147 section 4: the connection id's length is not on the wire.
            byte[] connectionId = withLength.clone();
            connectionId[0] |= 0x10;
            assertThat(classify(connectionId)).isEqualTo(OTHER);
        }
        assertThat(classify(Wire.unified(3, 15, true))).as("shorter than an AEAD tag").isEqualTo(OTHER);
        byte[] overrun = Wire.unified(3, 40, true);
        overrun[4] = 41;
        assertThat(classify(overrun)).isEqualTo(OTHER);
    }

    @Test
    void turnChannelDataWithAndWithoutPaddingAndItsInnerPacket() {
        byte[] rtp = Wire.rtp(96, false, 7, 9000, 0x1234, 101);
        byte[] unpadded = Wire.channelData(0x4001, rtp, false);
        byte[] padded = Wire.channelData(0x4001, rtp, true);
        assertThat(padded).hasSize(unpadded.length + 3);
        assertThat(classify(unpadded)).isEqualTo(CHANNEL_DATA);
        assertThat(classify(padded)).isEqualTo(CHANNEL_DATA);
        assertThat(Demux.channelNumber(padded, 0)).isEqualTo(0x4001);
        assertThat(Demux.classify(padded, 4, Bytes.u16(padded, 2))).isEqualTo(RTP);

        byte[] stun = Wire.bindingRequest(Wire.transaction(2), "a:b");
        assertThat(Demux.classify(Wire.channelData(0x4FFF, stun, false), 4, stun.length)).isEqualTo(STUN);
        byte[] dtls = Wire.clientHello();
        assertThat(Demux.classify(Wire.channelData(0x4000, dtls, true), 4, dtls.length)).isEqualTo(DTLS);

        byte[] tooLong = Wire.channelData(0x4001, rtp, false);
        tooLong[3]++;
        assertThat(classify(tooLong)).isEqualTo(OTHER);
        byte[] tooMuchSlack = Wire.concat(unpadded, new byte[4]);
        assertThat(classify(tooMuchSlack)).isEqualTo(OTHER);
        assertThat(classify(Wire.channelData(0x4001, new byte[0], false))).as("empty").isEqualTo(OTHER);
    }

    @Test
    void rtcpByPacketTypeAndRtpOtherwise() {
        // RFC 5761 section 4: RTCP packet types 200..207 read as RTP marker + payload type 72..79.
        for (int type = 200; type <= 207; type++) {
            assertThat(classify(Wire.rtcp(type, 0xCAFE, 3))).as("type %d", type).isEqualTo(RTCP);
        }
        assertThat(classify(Wire.senderReport(0xCAFE))).isEqualTo(RTCP);
        for (int pt : new int[] {0, 8, 96, 100, 111, 127}) {
            assertThat(classify(Wire.rtp(pt, true, 1, 2, 3, 20))).as("PT %d with marker", pt).isEqualTo(RTP);
            assertThat(classify(Wire.rtp(pt, false, 1, 2, 3, 20))).as("PT %d", pt).isEqualTo(RTP);
        }
        byte[] version1 = Wire.rtp(96, false, 1, 2, 3, 20);
        version1[0] = 0x40;
        assertThat(classify(version1)).isNotEqualTo(RTP);
        byte[] csrcsOverrun = Wire.rtp(96, false, 1, 2, 3, 0);
        csrcsOverrun[0] = (byte) 0x81;
        assertThat(classify(csrcsOverrun)).isEqualTo(OTHER);
        byte[] extensionOverrun = Wire.concat(Wire.rtp(96, false, 1, 2, 3, 0), new byte[] {(byte) 0xBE, (byte) 0xDE, 0, 9});
        extensionOverrun[0] = (byte) 0x90;
        assertThat(classify(extensionOverrun)).isEqualTo(OTHER);
        byte[] extension = Wire.concat(extensionOverrun, new byte[36]);
        assertThat(classify(extension)).isEqualTo(RTP);
    }

    @Test
    void aMarkedRtpLookalikeWithoutAPlausibleRtcpLengthIsNotRtp() {
        // RFC 5761 section 4: with RTP and RTCP muxed, payload types 64..95 are not RTP, so a
        // second byte of 192..223 is RTCP or nothing: a truncated RTCP packet must not become RTP.
        byte[] receiverReport = Wire.rtcp(Rtcp.RECEIVER_REPORT, 0xCAFE, 7);
        assertThat(classify(receiverReport)).isEqualTo(RTCP);
        byte[] cut = java.util.Arrays.copyOf(receiverReport, 20);
        assertThat(classify(cut)).isEqualTo(OTHER);
    }

    @Test
    void everyPrefixOfAMessageWithALengthIsRejectedAndEverySnappedOneAccepted() {
        byte[][] messages = {Wire.bindingRequest(Wire.transaction(3), "abcd:efgh"), Wire.clientHello(),
                Wire.serverHello(0xFEFC), Wire.unified(3, 64, true), Wire.senderReport(7),
                Wire.channelData(0x4001, Wire.rtp(96, false, 1, 2, 3, 40), false)};
        Demux.Kind[] kinds = {STUN, DTLS, DTLS, DTLS, RTCP, CHANNEL_DATA};
        int[] headers = {20, 13, 13, 5, 8, 4};
        for (int m = 0; m < messages.length; m++) {
            byte[] message = messages[m];
            assertThat(classify(message)).isEqualTo(kinds[m]);
            for (int len = 0; len < message.length; len++) {
                byte[] prefix = java.util.Arrays.copyOf(message, len);
                assertThat(Demux.classify(prefix, 0, len)).as("%s prefix of %d", kinds[m], len).isEqualTo(OTHER);
                Demux.Kind snapped = Demux.classify(prefix, 0, len, message.length);
                assertThat(snapped).as("%s snapped to %d", kinds[m], len)
                        .isEqualTo(len >= headers[m] ? kinds[m] : OTHER);
            }
        }
    }

    @Test
    void rtpHasNoLengthSoItsPrefixesPastTheFixedHeaderStayRtp() {
        byte[] rtp = Wire.rtp(96, true, 1, 2, 3, 100);
        for (int len = 0; len <= rtp.length; len++) {
            assertThat(Demux.classify(java.util.Arrays.copyOf(rtp, len), 0, len)).as("prefix of %d", len)
                    .isEqualTo(len >= Rtp.FIXED_HEADER ? RTP : OTHER);
        }
    }

    @Test
    void classifiesInPlaceAtAnOffsetWithoutReadingPastTheCapturedBytes() {
        byte[] stun = Wire.bindingRequest(Wire.transaction(4), "x:y");
        byte[] framed = Wire.concat(new byte[42], stun);
        assertThat(Demux.classify(framed, 42, stun.length)).isEqualTo(STUN);
        assertThat(Demux.classify(framed, 42, 19, stun.length)).isEqualTo(OTHER);
    }

    @Test
    void dnsNtpAndQuicAreOther() {
        // RFC 1035 section 4.1: id, flags (RD), one question, no answers, www.example.com A IN.
        byte[] question = Wire.of().u8(3).bytes("www".getBytes()).u8(7).bytes("example".getBytes()).u8(3)
                .bytes("com".getBytes()).u8(0).u16(1).u16(1).build();
        Random random = new Random(53);
        for (int high = 0; high < 256; high++) {
            if (high >= 0x80 && high <= 0xBF) {
                // Version 2 in RTP's terms: only probation at the call level tells these apart.
                continue;
            }
            int id = high << 8 | random.nextInt(256);
            byte[] query = Wire.concat(Wire.of().u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0).build(), question);
            byte[] answer = Wire.concat(Wire.of().u16(id).u16(0x8180).u16(1).u16(1).u16(0).u16(0).build(), question,
                    Wire.of().u16(0xC00C).u16(1).u16(1).u32(300).u16(4).u32(0x5DB8D822L).build());
            assertThat(classify(query)).as("DNS query id %04x", id).isEqualTo(OTHER);
            assertThat(classify(answer)).as("DNS answer id %04x", id).isEqualTo(OTHER);
        }

        // RFC 5905 section 7.3: LI 0, VN 4, mode 3 (client) = 0x23, mode 4 (server) = 0x24.
        byte[] ntpClient = Wire.of().u8(0x23).u8(0).u8(6).u8(0xE9).zeros(36).u32(0xE9A1B2C3L).u32(0x12345678L).build();
        byte[] ntpServer = Wire.of().u8(0x24).u8(2).u8(6).u8(0xE9).u32(0x100).u32(0x200).u32(0xC0A80001L)
                .zeros(8).u32(0xE9A1B2C3L).u32(0x12345678L).zeros(16).build();
        assertThat(ntpClient).hasSize(48);
        assertThat(ntpServer).hasSize(48);
        assertThat(classify(ntpClient)).isEqualTo(OTHER);
        assertThat(classify(ntpServer)).isEqualTo(OTHER);

        int falsePositives = 0;
        for (int i = 0; i < 10_000; i++) {
            // RFC 9000 section 17.2: long header 11xxxxxx, version, connection ids...
            byte[] longHeader = new byte[1200];
            random.nextBytes(longHeader);
            longHeader[0] = (byte) (0xC0 | random.nextInt(64));
            assertThat(classify(longHeader)).isEqualTo(OTHER);
            // Section 17.3: short header 01xxxxxx followed by a random-looking connection id.
            byte[] shortHeader = new byte[20 + random.nextInt(1300)];
            random.nextBytes(shortHeader);
            shortHeader[0] = (byte) (0x40 | random.nextInt(64));
            falsePositives += classify(shortHeader) == OTHER ? 0 : 1;
        }
        // Only 0x40..0x4F with a length field that happens to fit could pass: about 1 in 16 000.
        assertThat(falsePositives).isLessThanOrEqualTo(3);
    }

    @Test
    void shorterThanFourBytesIsOther() {
        for (int len = 0; len < 4; len++) {
            assertThat(Demux.classify(new byte[] {0, 1, 0, 0}, 0, len)).isEqualTo(OTHER);
        }
    }
}
