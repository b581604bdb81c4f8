package org.teleopmon.detector.webrtc.internal;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Builds the datagrams the detector reads, field by field as the RFCs lay them out. */
final class Wire {

    static final int MAGIC_COOKIE = 0x2112A442;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Wire of() {
        return new Wire();
    }

    Wire u8(int v) {
        out.write(v);
        return this;
    }

    Wire u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Wire u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    Wire u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Wire bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Wire zeros(int n) {
        return bytes(new byte[n]);
    }

    byte[] build() {
        return out.toByteArray();
    }

    // STUN, RFC 8489 section 5: type 00MMMMMCMMMCMMMM, length, cookie, 96-bit transaction id.

    static int stunType(int method, int messageClass) {
        return (method & 0x000F) | (method & 0x0070) << 1 | (method & 0x0F80) << 2
                | (messageClass & 1) << 4 | (messageClass & 2) << 7;
    }

    static byte[] stun(int method, int messageClass, byte[] transaction, byte[]... attributes) {
        Wire body = of();
        for (byte[] attribute : attributes) {
            body.bytes(attribute);
        }
        byte[] b = body.build();
        return of().u16(stunType(method, messageClass)).u16(b.length).u32(MAGIC_COOKIE).bytes(transaction).bytes(b)
                .build();
    }

    static byte[] transaction(int seed) {
        byte[] id = new byte[12];
        for (int i = 0; i < 12; i++) {
            id[i] = (byte) (seed * 31 + i * 7);
        }
        return id;
    }

    /** An attribute, its value padded to 4 bytes (RFC 8489 section 14). */
    static byte[] attribute(int type, byte[] value) {
        return of().u16(type).u16(value.length).bytes(value).zeros(-value.length & 3).build();
    }

    static byte[] username(String text) {
        return attribute(Stun.ATTR_USERNAME, text.getBytes(StandardCharsets.UTF_8));
    }

    /** XOR-PEER-ADDRESS (RFC 8656 section 18.3, encoded as XOR-MAPPED-ADDRESS, RFC 8489 section 14.2). */
    static byte[] xorPeerAddress(String host, int port, byte[] transaction) {
        byte[] ip = address(host);
        byte[] mask = of().u32(MAGIC_COOKIE).bytes(transaction).build();
        Wire value = of().u8(0).u8(ip.length == 4 ? 1 : 2).u16(port ^ 0x2112);
        for (int i = 0; i < ip.length; i++) {
            value.u8(ip[i] ^ mask[i]);
        }
        return attribute(Stun.ATTR_XOR_PEER_ADDRESS, value.build());
    }

    static byte[] address(String host) {
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] bindingRequest(byte[] transaction, String username) {
        return stun(Stun.BINDING, Stun.REQUEST, transaction, username(username),
                attribute(Stun.ATTR_ICE_CONTROLLING, new byte[8]));
    }

    static byte[] bindingSuccess(byte[] transaction) {
        return stun(Stun.BINDING, Stun.SUCCESS, transaction, attribute(0x0020, new byte[8]));
    }

    // DTLS, RFC 6347 section 4.1 (record) and 4.2.2 (handshake header).

    static byte[] dtlsRecord(int type, int version, int epoch, long sequence, byte[] fragment) {
        return of().u8(type).u16(version).u16(epoch).u16((int) (sequence >>> 32)).u32(sequence)
                .u16(fragment.length).bytes(fragment).build();
    }

    static byte[] handshake(int type, int messageSeq, byte[] body) {
        return of().u8(type).u24(body.length).u16(messageSeq).u24(0).u24(body.length).bytes(body).build();
    }

    /** A ClientHello body (RFC 6347 section 4.2.1): version, random, session id, cookie, suites, compression. */
    static byte[] clientHelloBody(int version) {
        byte[] extensions = of().u16(43).u16(5).u8(4).u16(0xFEFC).u16(0xFEFD).build();
        return of().u16(version).zeros(32).u8(0).u8(0).u16(2).u16(0x1301).u8(1).u8(0)
                .u16(extensions.length).bytes(extensions).build();
    }

    /** A ServerHello body; {@code selected} adds supported_versions (RFC 8446 section 4.2.1) when non-zero. */
    static byte[] serverHelloBody(int legacyVersion, int selected) {
        Wire extensions = of().u16(0xFF01).u16(1).u8(0);
        if (selected != 0) {
            extensions.u16(43).u16(2).u16(selected);
        }
        byte[] ext = extensions.build();
        return of().u16(legacyVersion).zeros(32).u8(0).u16(0xC02B).u8(0).u16(ext.length).bytes(ext).build();
    }

    static byte[] clientHello() {
        return dtlsRecord(Dtls.HANDSHAKE, 0xFEFF, 0, 0, handshake(Dtls.CLIENT_HELLO, 0, clientHelloBody(0xFEFD)));
    }

    static byte[] serverHello(int selected) {
        return dtlsRecord(Dtls.HANDSHAKE, 0xFEFD, 0, 0,
                handshake(Dtls.SERVER_HELLO, 0, serverHelloBody(0xFEFD, selected)));
    }

    /** A DTLS 1.3 unified header record (RFC 9147 section 4): 001CSLEE, 16-bit sequence, length. */
    static byte[] unified(int epoch, int payloadLength, boolean withLength) {
        Wire w = of().u8(0x20 | 0x08 | (withLength ? 0x04 : 0) | epoch & 3).u16(0x1234);
        if (withLength) {
            w.u16(payloadLength);
        }
        return w.bytes(filled(payloadLength, 0x5A)).build();
    }

    // RTP and RTCP, RFC 3550 sections 5.1 and 6.4.1.

    static byte[] rtp(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, int payload) {
        return of().u8(0x80).u8((marker ? 0x80 : 0) | payloadType).u16(sequence).u32(timestamp).u32(ssrc)
                .bytes(filled(payload, 0xA5)).build();
    }

    static byte[] senderReport(long ssrc) {
        return of().u8(0x80).u8(Rtcp.SENDER_REPORT).u16(6).u32(ssrc).zeros(20).build();
    }

    static byte[] rtcp(int packetType, long ssrc, int words) {
        return of().u8(0x80).u8(packetType).u16(words).u32(ssrc).zeros(4 * words - 4).build();
    }

    /** TURN ChannelData (RFC 8656 section 12.4), optionally padded to 4 bytes as over TCP. */
    static byte[] channelData(int channel, byte[] data, boolean padded) {
        return of().u16(channel).u16(data.length).bytes(data).zeros(padded ? -data.length & 3 : 0).build();
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        Wire w = of();
        for (byte[] part : parts) {
            w.bytes(part);
        }
        return w.build();
    }
}
