package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StunTest {

    private static final byte[] TX = Wire.transaction(9);

    @Test
    void methodAndClassOfBindingAndTurnMessages() {
        // RFC 8489 section 5: Binding request 0x0001, success 0x0101, error 0x0111.
        assertThat(Wire.stunType(Stun.BINDING, Stun.REQUEST)).isEqualTo(0x0001);
        assertThat(Wire.stunType(Stun.BINDING, Stun.SUCCESS)).isEqualTo(0x0101);
        assertThat(Wire.stunType(Stun.BINDING, Stun.ERROR)).isEqualTo(0x0111);
        // RFC 8656 section 17: Send indication 0x0016, Data indication 0x0017.
        assertThat(Wire.stunType(Stun.SEND, Stun.INDICATION)).isEqualTo(0x0016);
        assertThat(Wire.stunType(Stun.DATA, Stun.INDICATION)).isEqualTo(0x0017);

        int[][] cases = {{Stun.BINDING, Stun.REQUEST}, {Stun.BINDING, Stun.SUCCESS}, {Stun.BINDING, Stun.ERROR},
                {Stun.BINDING, Stun.INDICATION}, {Stun.ALLOCATE, Stun.REQUEST}, {Stun.ALLOCATE, Stun.SUCCESS},
                {Stun.ALLOCATE, Stun.ERROR}, {Stun.REFRESH, Stun.REQUEST}, {Stun.CREATE_PERMISSION, Stun.REQUEST},
                {Stun.CHANNEL_BIND, Stun.REQUEST}, {Stun.CHANNEL_BIND, Stun.SUCCESS}, {Stun.SEND, Stun.INDICATION},
                {Stun.DATA, Stun.INDICATION}, {0xFFF, Stun.ERROR}, {0x0AB, Stun.SUCCESS}};
        for (int[] c : cases) {
            byte[] message = Wire.stun(c[0], c[1], TX);
            assertThat(Stun.isStun(message, 0, message.length)).isTrue();
            assertThat(Stun.method(message, 0)).as("method of %04x", Bytes.u16(message, 0)).isEqualTo(c[0]);
            assertThat(Stun.messageClass(message, 0)).as("class of %04x", Bytes.u16(message, 0)).isEqualTo(c[1]);
        }
    }

    @Test
    void transactionIdHalves() {
        byte[] message = Wire.stun(Stun.BINDING, Stun.REQUEST, TX);
        assertThat(Stun.transactionHigh(message, 0)).isEqualTo(Bytes.u32(TX, 0));
        assertThat(Stun.transactionLow(message, 0)).isEqualTo(Bytes.u64(TX, 4));
    }

    @Test
    void findsAttributesPastPaddedOnes() {
        byte[] message = Wire.stun(Stun.BINDING, Stun.REQUEST, TX, Wire.username("abcde:fgh"),
                Wire.attribute(Stun.ATTR_USE_CANDIDATE, new byte[0]), Wire.attribute(0x8029, new byte[8]));
        int username = Stun.findAttribute(message, 0, message.length, Stun.ATTR_USERNAME);
        assertThat(username).isEqualTo(20);
        assertThat(Stun.attributeLength(message, username)).isEqualTo(9);
        assertThat(Stun.findAttribute(message, 0, message.length, Stun.ATTR_USE_CANDIDATE)).isEqualTo(20 + 4 + 12);
        assertThat(Stun.findAttribute(message, 0, message.length, Stun.ATTR_ICE_CONTROLLED)).isEqualTo(20 + 16 + 4);
        assertThat(Stun.findAttribute(message, 0, message.length, Stun.ATTR_DATA)).isEqualTo(-1);
    }

    @Test
    void attributeLengthsThatOverrunEndTheSearch() {
        byte[] message = Wire.stun(Stun.DATA, Stun.INDICATION, TX, Wire.attribute(0x8022, new byte[4]),
                Wire.attribute(Stun.ATTR_DATA, new byte[12]));
        assertThat(Stun.findAttribute(message, 0, message.length, Stun.ATTR_DATA)).isEqualTo(28);

        byte[] overrun = message.clone();
        overrun[20 + 3] = 40;
        assertThat(Stun.findAttribute(overrun, 0, overrun.length, Stun.ATTR_DATA)).isEqualTo(-1);
        byte[] lastOverruns = message.clone();
        lastOverruns[28 + 3] = 13;
        assertThat(Stun.findAttribute(lastOverruns, 0, lastOverruns.length, Stun.ATTR_DATA)).isEqualTo(-1);
        // The message length bounds the search, not only the array.
        byte[] shortMessage = message.clone();
        shortMessage[3] = 8;
        assertThat(Stun.findAttribute(shortMessage, 0, shortMessage.length, Stun.ATTR_DATA)).isEqualTo(-1);
        // Nor is anything read past the captured bytes.
        assertThat(Stun.findAttribute(message, 0, 30, Stun.ATTR_DATA)).isEqualTo(-1);
        assertThat(Stun.findAttribute(message, 0, 31, 0x8022)).isEqualTo(20);
    }

    @Test
    void xorPeerAddressV4AndV6() {
        byte[] v4 = Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, TX, Wire.attribute(0x000C, new byte[] {0x40, 0, 0, 0}),
                Wire.xorPeerAddress("192.0.2.15", 49152, TX));
        int at = Stun.findAttribute(v4, 0, v4.length, Stun.ATTR_XOR_PEER_ADDRESS);
        assertThat(Stun.xorAddress(v4, 0, at)).isEqualTo("192.0.2.15:49152");

        byte[] v6 = Wire.stun(Stun.SEND, Stun.INDICATION, TX, Wire.xorPeerAddress("2001:db8::1:2", 3478, TX));
        at = Stun.findAttribute(v6, 0, v6.length, Stun.ATTR_XOR_PEER_ADDRESS);
        assertThat(Stun.xorAddress(v6, 0, at)).isEqualTo("[2001:db8:0:0:0:0:1:2]:3478");

        byte[] framed = Wire.concat(new byte[7], v6);
        at = Stun.findAttribute(framed, 7, v6.length, Stun.ATTR_XOR_PEER_ADDRESS);
        assertThat(Stun.xorAddress(framed, 7, at)).isEqualTo("[2001:db8:0:0:0:0:1:2]:3478");
    }

    @Test
    void malformedXorAddressesAreNull() {
        byte[] badFamily = Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, TX, Wire.xorPeerAddress("192.0.2.1", 1, TX));
        badFamily[20 + 5] = 3;
        assertThat(Stun.xorAddress(badFamily, 0, 20)).isNull();
        byte[] shortV4 = Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, TX,
                Wire.attribute(Stun.ATTR_XOR_PEER_ADDRESS, new byte[] {0, 1, 0, 0}));
        assertThat(Stun.xorAddress(shortV4, 0, 20)).isNull();
        byte[] shortV6 = Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, TX,
                Wire.attribute(Stun.ATTR_XOR_PEER_ADDRESS, Wire.of().u8(0).u8(2).u16(1).zeros(8).build()));
        assertThat(Stun.xorAddress(shortV6, 0, 20)).isNull();
    }

    @Test
    void iceSessionKeyIsTheSortedUfragPair() {
        String ab = IceSession.of(request("abcd:wxyz"), 0, request("abcd:wxyz").length);
        String ba = IceSession.of(request("wxyz:abcd"), 0, request("wxyz:abcd").length);
        assertThat(ab).isEqualTo("abcd:wxyz").isEqualTo(ba);
        assertThat(key("zz:a+b/c")).isEqualTo("a+b/c:zz");
    }

    @Test
    void iceSessionRejectsUnusableUsernames() {
        assertThat(key("nocolon")).isNull();
        assertThat(key(":right")).isNull();
        assertThat(key("left:")).isNull();
        assertThat(key(":")).isNull();
        assertThat(key("")).isNull();
        assertThat(key("a".repeat(300) + ":" + "b".repeat(300))).as("longer than 513 bytes").isNull();
        byte[] none = Wire.stun(Stun.BINDING, Stun.REQUEST, TX);
        assertThat(IceSession.of(none, 0, none.length)).isNull();
    }

    private static byte[] request(String username) {
        return Wire.bindingRequest(TX, username);
    }

    private static String key(String username) {
        byte[] b = request(username);
        return IceSession.of(b, 0, b.length);
    }
}
