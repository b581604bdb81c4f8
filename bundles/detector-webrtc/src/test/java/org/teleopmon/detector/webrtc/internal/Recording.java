package org.teleopmon.detector.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.testsupport.BuiltPacket;

/** A pcap file's UDP packets, decoded by the capture bundle and kept in memory. */
final class Recording {

    private Recording() {
    }

    static List<BuiltPacket> udp(Path file) throws IOException {
        List<BuiltPacket> packets = new ArrayList<>();
        Capture.replay(file, new PacketListener() {
            @Override
            public CaptureInterest interest() {
                return new CaptureInterest(null, null, true);
            }

            @Override
            public void onPacket(Packet packet) {
                if (packet.transport() == Packet.UDP) {
                    packets.add(BuiltPacket.copyOf(packet));
                }
            }
        });
        return packets;
    }

    /** The stream of this SSRC among the detector's active calls; fails naming the ones it has. */
    static StreamRow stream(WebRtcDetector detector, long ssrc) {
        return stream(detector.streams(), ssrc);
    }

    static StreamRow stream(List<StreamRow> rows, long ssrc) {
        return rows.stream().filter(s -> s.ssrc() == ssrc).findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + ssrc + " in " + rows));
    }

    /** The index of the packet whose signal first carries an end (a DTLS close_notify); -1 when none does. */
    static int closingPacket(List<BuiltPacket> packets) {
        WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
        boolean[] ended = new boolean[1];
        detector.listeners.add(signal -> ended[0] |= signal.ended() != null);
        for (int i = 0; i < packets.size(); i++) {
            detector.onPacket(packets.get(i));
            if (ended[0]) {
                return i;
            }
        }
        return -1;
    }

    /** Feeds the packets to a fresh detector; returns it. */
    static WebRtcDetector play(List<BuiltPacket> packets) {
        WebRtcDetector detector = new WebRtcDetector(Settings.DEFAULTS, 10);
        packets.forEach(detector::onPacket);
        return detector;
    }
}
