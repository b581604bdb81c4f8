package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DtlsTest {

    private static DtlsState read(byte[]... datagrams) {
        DtlsState state = new DtlsState();
        for (byte[] d : datagrams) {
            assertThat(Dtls.read(d, 0, d.length, d.length, state)).as("well-formed").isTrue();
        }
        return state;
    }

    @Test
    void dtls12FromTheServerHelloLegacyVersion() {
        DtlsState state = read(Wire.clientHello());
        assertThat(state.clientHello).isTrue();
        assertThat(state.version).isZero();
        assertThat(state.versionText()).isEqualTo("?");

        byte[] ccs = Wire.dtlsRecord(Dtls.CHANGE_CIPHER_SPEC, 0xFEFD, 0, 3, new byte[] {1});
        byte[] finished = Wire.dtlsRecord(Dtls.HANDSHAKE, 0xFEFD, 1, 0, new byte[48]);
        state = read(Wire.clientHello(), Wire.concat(Wire.serverHello(0), ccs, finished));
        assertThat(state.serverHello).isTrue();
        assertThat(state.version).isEqualTo(12);
        assertThat(state.versionText()).isEqualTo("1.2");
        assertThat(state.handshakeRecords).isEqualTo(3);
    }

    @Test
    void dtls12AfterChangeCipherSpecWhenTheServerHelloWasCut() {
        DtlsState state = new DtlsState();
        byte[] hello = Wire.serverHello(0);
        // Snapped inside the hello body: the hello is seen, its version is not.
        assertThat(Dtls.read(hello, 0, 13 + 12 + 20, hello.length, state)).isTrue();
        assertThat(state.serverHello).isTrue();
        assertThat(state.version).isZero();
        read(state, Wire.dtlsRecord(Dtls.CHANGE_CIPHER_SPEC, 0xFEFD, 0, 1, new byte[] {1}));
        assertThat(state.version).isEqualTo(12);
    }

    @Test
    void anEncryptedAlertIsAClose() {
        assertThat(read(Wire.dtlsRecord(Dtls.ALERT, 0xFEFD, 0, 1, new byte[2])).closeAlerts).as("handshake epoch").isZero();
        DtlsState v12 = read(Wire.dtlsRecord(Dtls.ALERT, 0xFEFD, 1, 7, new byte[26]));
        assertThat(v12.closeAlerts).isEqualTo(1);
        assertThat(v12.alerts).isEqualTo(1);
    }

    @Test
    void aDtls13RecordOfAnAlertsLengthIsACloseAndLongerOnesAreData() {
        DtlsState state = read(Wire.unified(3, Dtls.CLOSE_ALERT_13, true), Wire.unified(3, Dtls.CLOSE_ALERT_13 + 1, true),
                Wire.unified(3, 45, true));
        assertThat(state.closeAlerts).isEqualTo(1);
        assertThat(state.dataRecords).isEqualTo(2);
        // The last record of a datagram may omit its length: the datagram's end tells it.
        assertThat(read(Wire.unified(3, Dtls.CLOSE_ALERT_13, false)).closeAlerts).isEqualTo(1);
    }

    @Test
    void changeCipherSpecWithoutAServerHelloTellsNothing() {
        assertThat(read(Wire.dtlsRecord(Dtls.CHANGE_CIPHER_SPEC, 0xFEFD, 0, 1, new byte[] {1})).version).isZero();
    }

    @Test
    void dtls13FromSupportedVersions() {
        // RFC 9147 section 5.3 / RFC 8446 section 4.2.1: legacy_version stays fefd, the extension says fefc.
        DtlsState state = read(Wire.clientHello(), Wire.serverHello(0xFEFC));
        assertThat(state.version).isEqualTo(13);
        assertThat(state.versionText()).isEqualTo("1.3");
        // A later ChangeCipherSpec (middlebox compatibility) does not turn it into 1.2.
        read(state, Wire.dtlsRecord(Dtls.CHANGE_CIPHER_SPEC, 0xFEFD, 0, 1, new byte[] {1}));
        assertThat(state.version).isEqualTo(13);
    }

    @Test
    void unifiedHeaderMeans13AndEpochTellsHandshakeFromData() {
        DtlsState state = read(Wire.unified(2, 80, true));
        assertThat(state.version).isEqualTo(13);
        assertThat(state.handshakeRecords).isEqualTo(1);
        assertThat(state.dataRecords).isZero();
        read(state, Wire.unified(3, 100, true));
        assertThat(state.dataRecords).isEqualTo(1);
        assertThat(state.dataBytes).isEqualTo(105);
    }

    @Test
    void severalRecordsInOneDatagram() {
        byte[] datagram = Wire.concat(Wire.unified(2, 30, true), Wire.unified(3, 40, true), Wire.unified(3, 50, true),
                Wire.unified(3, 60, false));
        DtlsState state = read(datagram);
        assertThat(state.handshakeRecords).isEqualTo(1);
        assertThat(state.dataRecords).isEqualTo(3);
        assertThat(state.dataBytes).isEqualTo(45 + 55 + 63);
        assertThat(Dtls.isDtls(datagram, 0, datagram.length)).isTrue();
    }

    @Test
    void plaintextDataRecordsAndAlertsAreCounted() {
        byte[] data = Wire.concat(Wire.dtlsRecord(Dtls.APPLICATION_DATA, 0xFEFD, 1, 5, new byte[64]),
                Wire.dtlsRecord(Dtls.APPLICATION_DATA, 0xFEFD, 1, 6, new byte[32]),
                Wire.dtlsRecord(Dtls.ALERT, 0xFEFD, 1, 7, new byte[2]));
        DtlsState state = read(data);
        assertThat(state.dataRecords).isEqualTo(2);
        assertThat(state.dataBytes).isEqualTo(13 + 64 + 13 + 32);
        assertThat(state.alerts).isEqualTo(1);
        assertThat(state.seen()).isTrue();
    }

    @Test
    void malformedRecordsAreReportedAfterCountingWhatCameBefore() {
        byte[] good = Wire.unified(3, 40, true);
        byte[] badLength = Wire.concat(good, Wire.unified(3, 40, true));
        badLength[good.length + 4] = (byte) 200;
        DtlsState state = new DtlsState();
        assertThat(Dtls.read(badLength, 0, badLength.length, badLength.length, state)).isFalse();
        assertThat(state.dataRecords).isEqualTo(1);

        byte[] garbage = Wire.concat(good, new byte[] {(byte) 0x99, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        assertThat(Dtls.read(garbage, 0, garbage.length, garbage.length, new DtlsState())).isFalse();
        byte[] tls = Wire.dtlsRecord(Dtls.HANDSHAKE, 0x0303, 0, 0, new byte[20]);
        assertThat(Dtls.read(tls, 0, tls.length, tls.length, new DtlsState())).isFalse();
    }

    @Test
    void aHeaderCutBySnapLengthIsNotMalformed() {
        byte[] datagram = Wire.concat(Wire.unified(3, 40, true), Wire.clientHello());
        for (int captured = 45 + 1; captured < 45 + 13; captured++) {
            DtlsState state = new DtlsState();
            assertThat(Dtls.read(datagram, 0, captured, datagram.length, state)).as("cut at %d", captured).isTrue();
            assertThat(state.dataRecords).isEqualTo(1);
            assertThat(state.malformed).isZero();
        }
        // Records wholly past the captured bytes are skipped, not misread.
        DtlsState state = new DtlsState();
        assertThat(Dtls.read(datagram, 0, 45, datagram.length, state)).isTrue();
        assertThat(state.clientHello).isFalse();
        // A hello whose header is captured but its body cut is still seen.
        state = new DtlsState();
        assertThat(Dtls.read(datagram, 0, 45 + 13 + 12, datagram.length, state)).isTrue();
        assertThat(state.clientHello).isTrue();
    }

    @Test
    void recordsAreReadInPlaceAtAnOffset() {
        byte[] hello = Wire.serverHello(0xFEFC);
        byte[] framed = Wire.concat(new byte[62], hello);
        DtlsState state = new DtlsState();
        assertThat(Dtls.read(framed, 62, hello.length, hello.length, state)).isTrue();
        assertThat(state.version).isEqualTo(13);
    }

    private static void read(DtlsState state, byte[] d) {
        assertThat(Dtls.read(d, 0, d.length, d.length, state)).isTrue();
    }
}
