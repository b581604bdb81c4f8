package org.teleopmon.capture.internal;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;

/** Copies what it is shown, since a {@link Packet} is only valid during the call. */
final class RecordingListener implements PacketListener {

    record Seen(int ipVersion, int transport, int srcPort, int dstPort, int flags, long seq, byte[] payload,
            int declared, long timestampNanos, String src, String dst) {
    }

    private final CaptureInterest interest;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    RecordingListener(CaptureInterest interest) {
        this.interest = interest;
    }

    @Override
    public CaptureInterest interest() {
        return interest;
    }

    @Override
    public void onPacket(Packet p) {
        byte[] payload = new byte[p.payloadLength()];
        System.arraycopy(p.array(), p.payloadOffset(), payload, 0, payload.length);
        seen.add(new Seen(p.ipVersion(), p.transport(), p.srcPort(), p.dstPort(), p.tcpFlags(), p.tcpSeq(), payload,
                p.declaredPayloadLength(), p.timestampNanos(), p.srcAddress().getHostAddress(),
                p.dstAddress().getHostAddress()));
        threads.add(Thread.currentThread().getName());
    }

    List<Seen> withPayload() {
        return seen.stream().filter(s -> s.payload().length > 0).toList();
    }

    byte[] stream(int transport, int dstPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        seen.stream().filter(s -> s.transport() == transport && s.dstPort() == dstPort)
                .forEach(s -> out.writeBytes(s.payload()));
        return out.toByteArray();
    }
}
