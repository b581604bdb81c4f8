package org.teleopmon.detector.webrtc.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds WebRTC packets and the two TCP framings of them, with the frames a framer should deliver. */
final class TcpFramerStreams {

    final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    final List<byte[]> frames = new ArrayList<>();
    /** Wire offset where each frame starts. */
    final List<Integer> starts = new ArrayList<>();
    private final Random random;

    TcpFramerStreams(long seed) {
        random = new Random(seed);
    }

    static byte[] rtp(Random random, int len) {
        byte[] p = new byte[len];
        random.nextBytes(p);
        p[0] = (byte) 0x80;
        p[1] = (byte) (96 + random.nextInt(32));
        return p;
    }

    static byte[] dtls(Random random, int len) {
        byte[] p = new byte[len];
        random.nextBytes(p);
        p[0] = 23;
        p[1] = (byte) 0xFE;
        p[2] = (byte) 0xFD;
        return p;
    }

    static byte[] stun(Random random, int bodyLen) {
        ByteBuffer b = ByteBuffer.allocate(20 + bodyLen);
        b.putShort((short) 0x0001).putShort((short) bodyLen).putInt(0x2112A442);
        byte[] rest = new byte[12 + bodyLen];
        random.nextBytes(rest);
        return b.put(rest).array();
    }

    byte[] packet() {
        return switch (random.nextInt(3)) {
            case 0 -> stun(random, 4 * random.nextInt(20));
            case 1 -> dtls(random, 13 + random.nextInt(300));
            default -> rtp(random, 12 + random.nextInt(1200));
        };
    }

    /** RFC 4571: 2-byte length, then the packet. */
    TcpFramerStreams rfc4571(byte[] packet) {
        starts.add(wire.size());
        wire.write(packet.length >> 8);
        wire.write(packet.length);
        wire.writeBytes(packet);
        frames.add(packet);
        return this;
    }

    /** TURN over TCP: a bare STUN message. */
    TcpFramerStreams turnStun(byte[] stun) {
        starts.add(wire.size());
        wire.writeBytes(stun);
        frames.add(stun);
        return this;
    }

    /** TURN over TCP: ChannelData, padded to 4 bytes on the wire; the frame is the unpadded message. */
    TcpFramerStreams channelData(int channel, byte[] data) {
        starts.add(wire.size());
        byte[] message = ByteBuffer.allocate(4 + data.length).putShort((short) channel).putShort((short) data.length)
                .put(data).array();
        wire.writeBytes(message);
        wire.writeBytes(new byte[(4 - data.length % 4) % 4]);
        frames.add(message);
        return this;
    }

    TcpFramerStreams rfc4571Frames(int n) {
        for (int i = 0; i < n; i++) {
            rfc4571(packet());
        }
        return this;
    }

    TcpFramerStreams turnFrames(int n) {
        for (int i = 0; i < n; i++) {
            byte[] packet = packet();
            if (random.nextInt(4) == 0 && packet[0] == 0) {
                turnStun(packet);
            } else {
                channelData(0x4000 + random.nextInt(0x1000), packet);
            }
        }
        return this;
    }

    /** Wire offset where each frame starts, then the end of the stream. */
    int[] boundaries() {
        int[] at = new int[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) {
            at[i] = starts.get(i);
        }
        at[starts.size()] = wire.size();
        return at;
    }

    byte[] bytes() {
        return wire.toByteArray();
    }
}
