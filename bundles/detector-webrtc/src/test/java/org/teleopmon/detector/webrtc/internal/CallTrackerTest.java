package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.EndReason;
import org.teleopmon.detector.support.LocalAddresses;
import org.teleopmon.testsupport.BuiltPacket;

/** The packet path and call grouping together, fed with built packets. */
class CallTrackerTest {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final long MS = 1_000_000L;
    static final String ROBOT = "10.0.0.2";
    static final String OPERATOR = "203.0.113.7";

    private Settings settings = Settings.DEFAULTS;
    private WebRtcTraffic traffic = new WebRtcTraffic(settings);
    private final LocalAddresses local = new LocalAddresses();
    private CallTracker calls;
    private int transactions;
    private int sequence;

    CallTrackerTest() {
        local.set(Set.of(ROBOT, "192.168.1.5", "fd00::2"));
        calls = new CallTracker(settings, local, 10);
    }

    private void use(Settings s) {
        settings = s;
        traffic = new WebRtcTraffic(s);
        calls = new CallTracker(s, local, 10);
    }

    private Flow send(long t, String src, int srcPort, String dst, int dstPort, byte[] payload) {
        return traffic.udp(BuiltPacket.udp(t, src, srcPort, dst, dstPort, payload));
    }

    /** A connectivity check from src and its answer {@code rttNanos} later. */
    private Flow check(long t, String src, int srcPort, String dst, int dstPort, String username, long rttNanos) {
        byte[] tx = Wire.transaction(++transactions);
        send(t, src, srcPort, dst, dstPort, Wire.bindingRequest(tx, username));
        return send(t + rttNanos, dst, dstPort, src, srcPort, Wire.bindingSuccess(tx));
    }

    private Flow rtp(long t, String src, int srcPort, String dst, int dstPort, long ssrc, int n) {
        Flow flow = null;
        for (int i = 0; i < n; i++) {
            flow = send(t + i * 10 * MS, src, srcPort, dst, dstPort,
                    Wire.rtp(96, i % 3 == 2, sequence++ & 0xFFFF, 1000L * (i / 3), ssrc, 900));
        }
        return flow;
    }

    private CallTracker.Changes update(long now) {
        return calls.update(traffic.flows.all(), now);
    }

    @Test
    void aCheckAndItsAnswerGiveTheRoundTrip() {
        Flow flow = check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 12_345_678);
        assertThat(flow.endpointA).isEqualTo(ROBOT + ":50000");
        assertThat(flow.rttNanos[0]).as("measured by A, the robot").isEqualTo(12_345_678);
        assertThat(flow.rttNanos[1]).isEqualTo(-1);
        assertThat(flow.rttSamples).isEqualTo(1);
        assertThat(flow.bindingRequests).isEqualTo(1);
        assertThat(flow.bindingResponses).isEqualTo(1);
        check(T0 + 50 * MS, OPERATOR, 60000, ROBOT, 50000, "rbfrag:opfrag", 3 * MS);
        assertThat(flow.rttNanos[1]).isEqualTo(3 * MS);

        send(T0 + 100 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        Call call = update(T0 + 200 * MS).started().get(0);
        assertThat(call.rttMillis()).as("the robot's own check counts").isCloseTo(12.345678, within(1e-9));
    }

    @Test
    void anAnswerWithoutItsRequestOrFromTheSameSideIsNoRoundTrip() {
        byte[] tx = Wire.transaction(77);
        Flow flow = send(T0, OPERATOR, 60000, ROBOT, 50000, Wire.bindingSuccess(tx));
        send(T0 + MS, ROBOT, 50000, OPERATOR, 60000, Wire.bindingRequest(tx, "a:b"));
        send(T0 + 2 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.bindingSuccess(tx));
        assertThat(flow.rttSamples).isZero();
        assertThat(flow.rttNanos).containsExactly(-1, -1);
    }

    @Test
    void flowsOfOneIceSessionAreOneCall() {
        check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 5 * MS);
        check(T0 + 10 * MS, OPERATOR, 60000, ROBOT, 50000, "rbfrag:opfrag", 5 * MS);
        check(T0 + 20 * MS, "192.168.1.5", 50001, "198.51.100.9", 60001, "opfrag:rbfrag", 9 * MS);
        check(T0 + 30 * MS, "fd00::2", 50002, "2001:db8::9", 60002, "opfrag:rbfrag", 7 * MS);
        check(T0 + 40 * MS, ROBOT, 50003, "198.51.100.77", 3478, "other:session", 7 * MS);
        send(T0 + 50 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        send(T0 + 51 * MS, OPERATOR, 60000, ROBOT, 50000, Wire.serverHello(0xFEFC));

        CallTracker.Changes changes = update(T0 + 100 * MS);
        assertThat(changes.started()).hasSize(1);
        Call call = changes.started().get(0);
        assertThat(call.key).isEqualTo("ice:opfrag:rbfrag");
        assertThat(call.flows).hasSize(3);
        assertThat(call.main.endpointB).isEqualTo(OPERATOR + ":60000");
        assertThat(call.remoteHost()).isEqualTo(OPERATOR);
        assertThat(call.localEndpoint()).isEqualTo(ROBOT + ":50000");
        assertThat(call.dtlsVersion()).isEqualTo(13);
        assertThat(call.kind).isEqualTo(Call.Kind.WEBRTC);
        assertThat(calls.active()).hasSize(1);
    }

    @Test
    void checksAloneAreNoCallDtlsOrSrtpMakeIt() {
        check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 5 * MS);
        assertThat(update(T0 + 100 * MS).any()).isFalse();
        send(T0 + 200 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        assertThat(update(T0 + 300 * MS).started()).hasSize(1);

        check(T0, ROBOT, 51000, OPERATOR, 61000, "x:y", 5 * MS);
        assertThat(update(T0 + 400 * MS).started()).isEmpty();
        rtp(T0 + 400 * MS, ROBOT, 51000, OPERATOR, 61000, 0xABC, 5);
        List<Call> started = update(T0 + 500 * MS).started();
        assertThat(started).hasSize(1);
        assertThat(started.get(0).key).isEqualTo("ice:x:y");
        assertThat(started.get(0).streams()).hasSize(1);
    }

    @Test
    void consentChecksKeepACallUpAndSilenceEndsItIntoTheHistory() {
        check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 5 * MS);
        send(T0 + 10 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        send(T0 + 20 * MS, OPERATOR, 60000, ROBOT, 50000, Wire.serverHello(0));
        rtp(T0 + 30 * MS, ROBOT, 50000, OPERATOR, 60000, 0x77, 100);
        assertThat(update(T0 + 2000 * MS).started()).hasSize(1);

        // RFC 7675: consent checks every ~5 s keep going after the media stopped.
        long t = T0 + 2000 * MS;
        for (int i = 0; i < 8; i++) {
            t += 4000 * MS;
            check(t, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 20 * MS);
            CallTracker.Changes changes = update(t + 100 * MS);
            assertThat(changes.ended()).as("check %d", i).isEmpty();
            assertThat(calls.active()).hasSize(1);
        }
        long last = t + 20 * MS;
        assertThat(update(last + settings.idleNanos()).ended()).isEmpty();
        CallTracker.Changes changes = update(last + settings.idleNanos() + MS);
        assertThat(changes.ended()).hasSize(1);
        assertThat(calls.active()).isEmpty();

        CallSummary summary = calls.history().get(0);
        assertThat(summary).isEqualTo(changes.ended().get(0));
        assertThat(summary.kind()).isEqualTo("webrtc");
        assertThat(summary.remote()).isEqualTo(OPERATOR + ":60000");
        assertThat(summary.local()).isEqualTo(ROBOT + ":50000");
        assertThat(summary.dtls()).isEqualTo("1.2");
        assertThat(summary.durationSeconds()).isCloseTo((last - T0) / 1e9, within(1e-9));
        assertThat(summary.rttMillis()).isCloseTo(20, within(1e-9));
        assertThat(summary.bytesOut()).isGreaterThan(100 * 900);
        assertThat(calls.ended().kind()).isEqualTo(EndReason.Kind.CALL_ENDED);
        assertThat(calls.ended().detail()).contains("media and ICE consent checks stopped");
        assertThat(calls.ended().at()).isEqualTo(Instant.ofEpochSecond(0, last));
    }

    @Test
    void theOperatorsCloseNotifyEndsTheCallAtOnce() {
        check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 5 * MS);
        send(T0 + 10 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        send(T0 + 20 * MS, OPERATOR, 60000, ROBOT, 50000, Wire.serverHello(0));
        rtp(T0 + 30 * MS, ROBOT, 50000, OPERATOR, 60000, 0x77, 100);
        assertThat(update(T0 + 2000 * MS).started()).hasSize(1);
        // A handshake-epoch alert (a warning during the handshake) is no close.
        send(T0 + 2010 * MS, OPERATOR, 60000, ROBOT, 50000, Wire.dtlsRecord(Dtls.ALERT, 0xFEFD, 0, 9, new byte[2]));
        assertThat(update(T0 + 2020 * MS).ended()).isEmpty();

        long closed = T0 + 2030 * MS;
        Flow flow = send(closed, OPERATOR, 60000, ROBOT, 50000,
                Wire.dtlsRecord(Dtls.ALERT, 0xFEFD, 1, 40, new byte[26]));
        assertThat(flow.takeChange()).as("pushed at once").isTrue();
        CallTracker.Changes changes = update(closed + MS);

        assertThat(changes.ended()).hasSize(1);
        assertThat(calls.active()).isEmpty();
        EndReason end = calls.ended();
        assertThat(end.kind()).isEqualTo(EndReason.Kind.CALL_ENDED);
        assertThat(end.at()).isEqualTo(Instant.ofEpochSecond(0, closed));
        assertThat(end.detail()).startsWith("operator closed WebRTC call c1 with " + OPERATOR + ":60000 (DTLS close_notify)");
    }

    @Test
    void theRobotsCloseNotifyIsTheRobotsAndANewCallClearsTheEnd() {
        check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 5 * MS);
        send(T0 + 10 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        update(T0 + 100 * MS);
        send(T0 + 200 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.dtlsRecord(Dtls.ALERT, 0xFEFD, 1, 3, new byte[26]));
        update(T0 + 210 * MS);
        assertThat(calls.ended().detail()).startsWith("robot closed WebRTC call");

        check(T0 + 300 * MS, ROBOT, 50002, OPERATOR, 60002, "opnew:rbnew", 5 * MS);
        send(T0 + 310 * MS, ROBOT, 50002, OPERATOR, 60002, Wire.clientHello());
        assertThat(update(T0 + 400 * MS).started()).hasSize(1);
        assertThat(calls.ended()).isNull();
    }

    @Test
    void expiredFlowsEndTheirCall() {
        check(T0, ROBOT, 50000, OPERATOR, 60000, "opfrag:rbfrag", 5 * MS);
        send(T0 + 10 * MS, ROBOT, 50000, OPERATOR, 60000, Wire.clientHello());
        update(T0 + 100 * MS);
        long later = T0 + settings.idleNanos() + 100 * MS;
        assertThat(traffic.flows.expire(later, settings.idleNanos(), flow -> false)).hasSize(1);
        assertThat(traffic.flows.size()).isZero();
        assertThat(update(later).ended()).hasSize(1);
        assertThat(calls.history()).hasSize(1);
    }

    @Test
    void plainRtpIsACallOnlyOnceItsStreamIsValid() {
        rtp(T0, ROBOT, 5004, OPERATOR, 5004, 0x5555, 4);
        assertThat(update(T0 + 50 * MS).started()).isEmpty();
        rtp(T0 + 40 * MS, ROBOT, 5004, OPERATOR, 5004, 0x5555, 1);
        List<Call> started = update(T0 + 60 * MS).started();
        assertThat(started).hasSize(1);
        assertThat(started.get(0).kind).isEqualTo(Call.Kind.RTP);
        assertThat(started.get(0).remoteEndpoint()).isEqualTo(OPERATOR + ":5004");
        // Once the media stops, a plain RTP call is over.
        assertThat(update(T0 + 60 * MS + settings.mediaNanos() + 100 * MS).ended()).hasSize(1);
    }

    @Test
    void randomUdpIsNoCall() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] payload = new byte[12 + random.nextInt(200)];
            random.nextBytes(payload);
            send(T0 + i * MS, ROBOT, 40000 + random.nextInt(20), "198.51.100.53", 53, payload);
        }
        assertThat(update(T0 + 3000 * MS).any()).isFalse();
    }

    @Test
    void turnChannelDataIsOpenedAndThePeerIsTheOperator() {
        String server = "198.51.100.1";
        byte[] tx = Wire.transaction(500);
        send(T0, ROBOT, 50000, server, 3478, Wire.stun(Stun.ALLOCATE, Stun.REQUEST, tx,
                Wire.attribute(0x0019, new byte[] {17, 0, 0, 0})));
        Flow flow = send(T0 + 20 * MS, server, 3478, ROBOT, 50000, Wire.stun(Stun.ALLOCATE, Stun.SUCCESS, tx));
        assertThat(flow.turn).isTrue();
        byte[] bind = Wire.transaction(501);
        send(T0 + 30 * MS, ROBOT, 50000, server, 3478, Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, bind,
                Wire.attribute(0x000C, new byte[] {0x40, 0x01, 0, 0}), Wire.xorPeerAddress(OPERATOR, 60000, bind)));
        send(T0 + 50 * MS, server, 3478, ROBOT, 50000, Wire.stun(Stun.CHANNEL_BIND, Stun.SUCCESS, bind));
        assertThat(flow.turnPeer).isEqualTo(OPERATOR + ":60000");

        for (int i = 0; i < 50; i++) {
            byte[] media = Wire.rtp(96, false, 100 + i, 3000L * i, 0xFEED, 700);
            send(T0 + (100 + 33 * i) * MS, ROBOT, 50000, server, 3478, Wire.channelData(0x4001, media, false));
        }
        assertThat(flow.streamCount).isEqualTo(1);
        MediaStream stream = flow.streams[0];
        assertThat(stream.ssrc).isEqualTo(0xFEED);
        assertThat(stream.packets).isEqualTo(50);
        assertThat(stream.bytes).isEqualTo(50 * (12 + 700));
        assertThat(stream.kind()).isEqualTo(StreamKind.VIDEO);
        assertThat(flow.bytes[0]).isEqualTo(50 * (4 + 12 + 700) + 2 * 20 + 8 + 8 + 12);

        Call call = update(T0 + 1800 * MS).started().get(0);
        assertThat(call.kind).isEqualTo(Call.Kind.TURN);
        assertThat(call.remoteHost()).isEqualTo(OPERATOR);
        assertThat(call.remoteEndpoint()).isEqualTo(OPERATOR + ":60000");
    }

    @Test
    void aDataIndicationCarriesTheOperatorAndItsPacket() {
        String server = "2001:db8::3478";
        byte[] tx = Wire.transaction(600);
        byte[] media = Wire.rtp(96, false, 1, 3000, 0xD00D, 100);
        Flow flow = send(T0, server, 3478, "fd00::2", 50000, Wire.stun(Stun.DATA, Stun.INDICATION, tx,
                Wire.xorPeerAddress("2001:db8::7", 61000, tx), Wire.attribute(Stun.ATTR_DATA, media)));
        assertThat(flow.turnPeer).isEqualTo("[2001:db8:0:0:0:0:0:7]:61000");
        assertThat(flow.streamCount).isEqualTo(1);
        assertThat(flow.streams[0].ssrc).isEqualTo(0xD00D);
    }

    @Test
    void channelDataAwayFromTurnPortsIsNotOpened() {
        byte[] media = Wire.channelData(0x4001, Wire.rtp(96, false, 1, 3000, 0xFEED, 700), false);
        assertThat(send(T0, ROBOT, 50000, OPERATOR, 60000, media)).isNull();
        assertThat(traffic.ignored).isEqualTo(1);
        Flow flow = check(T0 + MS, ROBOT, 50000, OPERATOR, 60000, "a:b", MS);
        for (int i = 0; i < 10; i++) {
            send(T0 + (10 + i) * MS, ROBOT, 50000, OPERATOR, 60000, media);
        }
        assertThat(flow.streamCount).isZero();
        assertThat(flow.otherPackets).isEqualTo(10);
    }

    @Test
    void aFullFlowTableRefusesAndCounts() {
        use(new Settings(Set.of(3478), Set.of(), 2000 * MS, 1000 * MS, 8000 * MS, 4, 16));
        for (int i = 0; i < 10; i++) {
            check(T0 + i * MS, ROBOT, 50000 + i, OPERATOR, 60000, "a:b", MS);
        }
        assertThat(traffic.flows.size()).isEqualTo(4);
        assertThat(traffic.flows.refused).isEqualTo(12);
        // Room comes back when idle flows expire.
        traffic.flows.expire(T0 + 9000 * MS, settings.idleNanos(), flow -> false);
        assertThat(check(T0 + 9000 * MS, ROBOT, 50100, OPERATOR, 60000, "a:b", MS)).isNotNull();
    }

    @Test
    void theStreamLimitEvictsUnprovenStreamsAndRefusesPastProvenOnes() {
        use(new Settings(Set.of(3478), Set.of(), 2000 * MS, 1000 * MS, 8000 * MS, 16, 2));
        Flow flow = rtp(T0, ROBOT, 50000, OPERATOR, 60000, 1, 1);
        rtp(T0, ROBOT, 50000, OPERATOR, 60000, 2, 1);
        rtp(T0, ROBOT, 50000, OPERATOR, 60000, 3, 1);
        assertThat(flow.streamCount).isEqualTo(2);
        assertThat(flow.streamsRefused).isZero();
        assertThat(java.util.Arrays.stream(flow.streams).mapToLong(s -> s.ssrc)).contains(3L);

        use(new Settings(Set.of(3478), Set.of(), 2000 * MS, 1000 * MS, 8000 * MS, 16, 2));
        flow = rtp(T0, ROBOT, 50000, OPERATOR, 60000, 1, 6);
        sequence += 1000;
        rtp(T0, ROBOT, 50000, OPERATOR, 60000, 2, 6);
        rtp(T0, ROBOT, 50000, OPERATOR, 60000, 3, 6);
        assertThat(flow.streamCount).isEqualTo(2);
        assertThat(flow.streamsRefused).isEqualTo(6);
    }

    @Test
    void aStreamRepeatingAnotherStreamsTimestampsIsRetransmission() {
        Flow flow = null;
        for (int i = 0; i < 60; i++) {
            long t = T0 + i * 33 * MS;
            flow = send(t, ROBOT, 50000, OPERATOR, 60000, Wire.rtp(96, true, 1000 + i, 3000L * i, 0xA, 1000));
            if (i % 3 == 2) {
                // RFC 4588: the RTX packet keeps the original's timestamp.
                send(t + MS, ROBOT, 50000, OPERATOR, 60000, Wire.rtp(97, false, 500 + i / 3, 3000L * (i - 1), 0xB, 1002));
            }
        }
        assertThat(flow.streams[0].kind()).isEqualTo(StreamKind.VIDEO);
        assertThat(flow.streams[1].ssrc).isEqualTo(0xB);
        assertThat(flow.streams[1].kind()).isEqualTo(StreamKind.RTX);
    }

    @Test
    void snappedPacketsCountTheirDeclaredLength() {
        byte[] media = Wire.rtp(96, false, 1, 3000, 0xFEED, 1200);
        Flow flow = traffic.udp(BuiltPacket.udpSnapped(T0, ROBOT, 50000, OPERATOR, 60000, media, 96));
        assertThat(flow.bytes[0]).isEqualTo(media.length);
        assertThat(flow.streams[0].bytes).isEqualTo(media.length);
        byte[] hello = Wire.serverHello(0xFEFC);
        traffic.udp(BuiltPacket.udpSnapped(T0 + MS, OPERATOR, 60000, ROBOT, 50000, hello, 40));
        assertThat(flow.dtls.serverHello).isTrue();
        assertThat(flow.dtls.malformed).isZero();
    }
}
