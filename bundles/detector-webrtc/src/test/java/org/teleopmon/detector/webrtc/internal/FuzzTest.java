package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.BuiltPacket;
import org.teleopmon.testsupport.Fuzz;

/**
 * Random and mutated datagrams through the packet path and through every parser on its own: no
 * exception may escape, and the flow table stays within its bound. Seeded, so a failure names the
 * iteration and datagram that reproduce it with the same seed.
 */
class FuzzTest {

    /** Longer or other runs: {@code -Dfuzz.seed=... -Dfuzz.rounds=...} (test-support {@link Fuzz}). */
    private static final long SEED = Fuzz.seed(0x7E1E0B);
    private static final int ROUNDS = Fuzz.rounds(220_000);
    private static final long MS = 1_000_000L;
    private static final int MAX_FLOWS = 64;
    private static final int[] STUN_ATTRIBUTES = {Stun.ATTR_USERNAME, Stun.ATTR_XOR_PEER_ADDRESS, Stun.ATTR_DATA,
            Stun.ATTR_USE_CANDIDATE, Stun.ATTR_ICE_CONTROLLED, Stun.ATTR_ICE_CONTROLLING};

    private final Random random = new Random(SEED);
    private final byte[][] samples = samples();
    private final String[] hosts = {"10.0.0.2", "203.0.113.7", "198.51.100.1", "fd00::2", "2001:db8::7"};

    @Test
    void nothingEscapesThePacketPathOrTheParsers() {
        Settings settings = new Settings(Set.of(3478, 5349), Set.of(3478), 2000 * MS, 1000 * MS, 8000 * MS, MAX_FLOWS,
                4);
        WebRtcTraffic traffic = new WebRtcTraffic(settings);
        LocalAddresses local = new LocalAddresses();
        local.set(Set.of("10.0.0.2", "fd00::2"));
        CallTracker calls = new CallTracker(settings, local, 5);
        long t = 1_700_000_000_000_000_000L;
        long accepted = 0;
        long started = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] datagram = datagram();
            int captured = random.nextInt(8) == 0 ? random.nextInt(datagram.length + 1) : datagram.length;
            t += random.nextInt(3 * (int) MS);
            try {
                parsers(datagram, captured);
                BuiltPacket packet = packet(t, datagram, captured);
                accepted += traffic.udp(packet) == null ? 0 : 1;
                if (i % 1000 == 0) {
                    traffic.flows.expire(t, settings.idleNanos(), flow -> false);
                    List<Call> active = calls.update(traffic.flows.all(), t).started();
                    started += active.size();
                    WebRtcView.signal(calls.active(), t, settings, 0);
                    active.forEach(c -> c.streams().forEach(s -> StreamRow.of(c, s, 0)));
                    calls.active().forEach(c -> CallRow.of(c, 0));
                }
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + i + ", " + captured + " of "
                        + HexFormat.of().formatHex(datagram), e);
            }
            assertThat(traffic.flows.size()).isLessThanOrEqualTo(MAX_FLOWS);
        }
        assertThat(traffic.packets).isEqualTo(ROUNDS);
        // The mutations keep enough valid traffic to reach every part of the path.
        assertThat(accepted).isGreaterThan(ROUNDS / 5);
        assertThat(started).isPositive();
        assertThat(traffic.flows.refused).isPositive();
    }

    @Test
    void theDetectorCountsNoErrorOnHostileTraffic() {
        WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 5);
        try {
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < 20_000; i++) {
                byte[] datagram = datagram();
                t += random.nextInt(2 * (int) MS);
                detector.onPacket(packet(t, datagram, datagram.length));
                if (i % 2000 == 0) {
                    detector.tick();
                    detector.detect();
                    detector.calls();
                    detector.streams();
                }
            }
            assertThat(detector.errors()).isZero();
        } finally {
            detector.deactivate();
        }
    }

    /** Each parser on its own, where the packet path would only call some of them. */
    private static void parsers(byte[] b, int captured) {
        int declared = b.length;
        Demux.classify(b, 0, captured, declared);
        if (captured >= 4) {
            Demux.isChannelData(b, 0, declared);
        }
        if (captured > 0 && Dtls.isDtls(b, 0, captured, declared)) {
            Dtls.recordLength(b, 0, captured, declared);
        }
        Dtls.read(b, 0, captured, declared, new DtlsState());
        if (Rtp.isRtp(b, 0, captured, declared)) {
            Rtp.headerLength(b, 0, captured, declared);
        }
        Rtcp.isRtcp(b, 0, captured, declared);
        if (Stun.isStun(b, 0, captured, declared)) {
            Stun.method(b, 0);
            Stun.messageClass(b, 0);
            for (int type : STUN_ATTRIBUTES) {
                int at = Stun.findAttribute(b, 0, captured, type);
                if (at >= 0) {
                    Stun.attributeLength(b, at);
                    Stun.xorAddress(b, 0, at);
                }
            }
            IceSession.of(b, 0, captured);
        }
    }

    private BuiltPacket packet(long t, byte[] datagram, int captured) {
        String src = hosts[random.nextInt(hosts.length)];
        String dst = hosts[random.nextInt(hosts.length)];
        boolean v6 = src.contains(":");
        if (dst.contains(":") != v6) {
            dst = v6 ? "2001:db8::7" : "203.0.113.7";
        }
        int srcPort = random.nextInt(4) == 0 ? 3478 : 50000 + random.nextInt(random.nextInt(10) == 0 ? 15000 : 8);
        int dstPort = 60000 + random.nextInt(4);
        return BuiltPacket.udpSnapped(t, src, srcPort, dst, dstPort, datagram, captured);
    }

    private byte[] datagram() {
        int choice = random.nextInt(10);
        if (choice == 0) {
            byte[] noise = new byte[random.nextInt(1400)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] b = samples[random.nextInt(samples.length)].clone();
        int mutations = choice == 1 ? 0 : 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] b) {
        if (b.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        switch (random.nextInt(8)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> lengthField(b, random.nextBoolean() ? 0 : 0xFFFF);
            case 3 -> lengthField(b, random.nextInt(b.length + 8));
            case 4 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            case 5 -> {
                byte[] tail = new byte[random.nextInt(64)];
                random.nextBytes(tail);
                b = Wire.concat(b, tail);
            }
            case 6 -> b[0] = (byte) new int[] {0, 1, 3, 20, 22, 23, 0x2C, 0x2F, 0x28, 0x40, 0x4F, 0x80, 0x90, 0xBF}[
                    random.nextInt(14)];
            default -> {
                // A sample wrapped in ChannelData, or a ChannelData header over what was there.
                b = Wire.channelData(0x4000 + random.nextInt(0x1000), b, random.nextBoolean());
            }
        }
        return b;
    }

    /** Sets one of the length fields the formats have: STUN, ChannelData, RTCP at 2; DTLS at 11; STUN attributes. */
    private void lengthField(byte[] b, int value) {
        int[] offsets = {2, 11, 3, 22, 26, 30, 14, 12 + 2};
        int at = offsets[random.nextInt(offsets.length)];
        if (at + 1 < b.length) {
            b[at] = (byte) (value >>> 8);
            b[at + 1] = (byte) value;
        }
    }

    private static byte[][] samples() {
        byte[] tx = Wire.transaction(42);
        byte[] rtp = Wire.rtp(96, true, 65535, 0xFFFFFF00L, 0x1234, 200);
        byte[] rtpWithExtension = Wire.concat(Wire.rtp(96, false, 7, 3000, 0x1234, 0),
                new byte[] {0x11, 0x11, 0x11, 0x11, (byte) 0xBE, (byte) 0xDE, 0, 1, 0x10, 0, 0, 0}, new byte[100]);
        rtpWithExtension[0] = (byte) 0x91;
        return new byte[][] {
                Wire.bindingRequest(tx, "opfrag:rbfrag"),
                Wire.bindingSuccess(tx),
                Wire.stun(Stun.BINDING, Stun.ERROR, tx, Wire.attribute(0x0009, new byte[] {0, 0, 4, 87})),
                Wire.stun(Stun.ALLOCATE, Stun.REQUEST, tx, Wire.attribute(0x0019, new byte[] {17, 0, 0, 0})),
                Wire.stun(Stun.CHANNEL_BIND, Stun.REQUEST, tx, Wire.attribute(0x000C, new byte[] {0x40, 1, 0, 0}),
                        Wire.xorPeerAddress("203.0.113.7", 60000, tx)),
                Wire.stun(Stun.SEND, Stun.INDICATION, tx, Wire.xorPeerAddress("2001:db8::7", 61000, tx),
                        Wire.attribute(Stun.ATTR_DATA, rtp)),
                Wire.stun(Stun.DATA, Stun.INDICATION, tx, Wire.xorPeerAddress("203.0.113.7", 60000, tx),
                        Wire.attribute(Stun.ATTR_DATA, Wire.bindingRequest(tx, "a:b"))),
                Wire.clientHello(),
                Wire.serverHello(0),
                Wire.serverHello(0xFEFC),
                Wire.concat(Wire.serverHello(0), Wire.dtlsRecord(Dtls.CHANGE_CIPHER_SPEC, 0xFEFD, 0, 2, new byte[] {1}),
                        Wire.dtlsRecord(Dtls.HANDSHAKE, 0xFEFD, 1, 0, new byte[40])),
                Wire.concat(Wire.unified(2, 40, true), Wire.unified(3, 100, true), Wire.unified(3, 30, false)),
                Wire.dtlsRecord(Dtls.APPLICATION_DATA, 0xFEFD, 1, 9, new byte[80]),
                rtp,
                rtpWithExtension,
                Wire.senderReport(0x1234),
                Wire.concat(Wire.rtcp(Rtcp.RECEIVER_REPORT, 0x1234, 7), Wire.rtcp(202, 0x1234, 3)),
                Wire.channelData(0x4001, rtp, false),
                Wire.channelData(0x4002, Wire.bindingRequest(tx, "x:y"), true),
                Wire.channelData(0x4003, Wire.clientHello(), true),
        };
    }
}
