package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MediaStreamTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private final MediaStream stream = new MediaStream(0x1234, 0, T0, 2000 * MS, Settings.BUCKET_NANOS);
    private int sequence = 1000;

    private void send(long nanos, int payloadType, boolean marker, long timestamp, int size) {
        byte[] b = Wire.rtp(payloadType, marker, sequence++ & 0xFFFF, timestamp, 0x1234, size);
        stream.packet(nanos, b, 0, b.length, false);
    }

    /** 30 fps at 90 kHz, {@code perFrame} packets a frame, the marker on the last, for {@code frames} frames. */
    private long video(int frames, int perFrame) {
        long t = T0;
        for (int f = 0; f < frames; f++) {
            t = T0 + f * 33_333_333L;
            for (int p = 0; p < perFrame; p++) {
                send(t + p * 100_000L, 96, p == perFrame - 1, 90_000 + 3000L * f, 1000);
            }
        }
        return t;
    }

    @Test
    void framesAreTimestampChangesAndALateRetransmissionIsNotOne() {
        long t = video(90, 3);
        assertThat(stream.frames).isEqualTo(90);
        assertThat(stream.markers).isEqualTo(90);
        assertThat(stream.packets).isEqualTo(270);
        // A retransmitted packet of an earlier frame arrives: its timestamp is old.
        send(t + 5 * MS, 96, true, 90_000 + 3000L * 40, 1000);
        assertThat(stream.frames).isEqualTo(90);
        long now = T0 + 3000 * MS;
        assertThat(stream.fps(now)).isCloseTo(30, within(1.0));
        assertThat(stream.kind()).isEqualTo(StreamKind.VIDEO);
        assertThat(stream.clockRate()).isEqualTo(90_000);
        assertThat(stream.bitsPerSecond(now)).isCloseTo(3 * 30 * 1012 * 8, within(3 * 1012 * 8 * 1.5));
    }

    @Test
    void audioAt48kHz() {
        for (int i = 0; i < 60; i++) {
            send(T0 + i * 20 * MS, 111, i == 0, 960L * i, 80);
        }
        assertThat(stream.kind()).isEqualTo(StreamKind.AUDIO);
        assertThat(stream.clockRate()).isEqualTo(48_000);
        assertThat(stream.frames).isEqualTo(60);
    }

    @Test
    void unknownUntilTheClockRateIsKnown() {
        video(5, 2);
        assertThat(stream.kind()).isEqualTo(StreamKind.UNKNOWN);
        assertThat(stream.jitterMillis()).isNaN();
    }

    @Test
    void retransmissionsByMirroredTimestamps() {
        for (int i = 0; i < 30; i++) {
            byte[] b = Wire.rtp(97, false, 50 + i, 3000L * i, 0x99, 300);
            stream.packet(T0 + i * 33 * MS, b, 0, b.length, i % 2 == 0);
        }
        assertThat(stream.mirroredPackets).isEqualTo(15);
        assertThat(stream.kind()).isEqualTo(StreamKind.RTX);
    }

    @Test
    void retransmissionsByPaddingProbes() {
        for (int i = 0; i < 30; i++) {
            byte[] b = Wire.rtp(97, false, 50 + i, 12345, 0x99, 255);
            b[0] |= 0x20;
            // RFC 3550 section 5.1: the last octet counts the padding.
            b[b.length - 1] = (byte) 255;
            stream.packet(T0 + i * 5 * MS, b, 0, b.length, false);
        }
        assertThat(stream.paddingPackets).isEqualTo(30);
        assertThat(stream.kind()).isEqualTo(StreamKind.RTX);
    }

    @Test
    void validOnlyAfterFourInOrderPacketsAfterTheFirst() {
        int[] sequences = {10, 11, 13, 14, 15, 16, 17};
        boolean[] valid = {false, false, false, false, false, false, true};
        for (int i = 0; i < sequences.length; i++) {
            byte[] b = Wire.rtp(96, false, sequences[i], 3000L * i, 0x1234, 100);
            stream.packet(T0 + i * MS, b, 0, b.length, false);
            assertThat(stream.valid()).as("after %d", sequences[i]).isEqualTo(valid[i]);
        }
        // Once proven, it stays so through later loss.
        byte[] b = Wire.rtp(96, false, 40, 3000L * 9, 0x1234, 100);
        stream.packet(T0 + 9 * MS, b, 0, b.length, false);
        assertThat(stream.valid()).isTrue();
    }

    @Test
    void otherPayloadTypesAreCounted() {
        for (int i = 0; i < 100; i++) {
            send(T0 + i * MS, i % 10 == 9 ? 63 : 96, false, 3000L * i, 100);
        }
        assertThat(stream.payloadType()).isEqualTo(96);
        assertThat(stream.otherPayloadTypePackets()).isEqualTo(10);
    }

    @Test
    void everyTwentiethPacketDroppedIsFivePercentLoss() {
        long t = T0;
        for (int i = 0; i < 1000; i++) {
            t = T0 + i * 5 * MS;
            if (i % 20 != 19) {
                byte[] b = Wire.rtp(96, false, 60_000 + i & 0xFFFF, 3000L * (i / 6), 0x1234, 500);
                stream.packet(t, b, 0, b.length, false);
            }
        }
        assertThat(stream.recentLossPercent(t)).isCloseTo(5.0, within(0.3));
        assertThat(stream.lossPercent()).isCloseTo(5.0, within(0.3));
        assertThat(stream.sequence.lost).isEqualTo(49);
    }

    @Test
    void nothingMeasuredYet() {
        assertThat(stream.recentLossPercent(T0)).isNaN();
        assertThat(stream.lossPercent()).isNaN();
        assertThat(stream.fps(T0)).isNaN();
        assertThat(stream.payloadType()).isEqualTo(-1);
        assertThat(stream.otherPayloadTypePackets()).isZero();
    }
}
