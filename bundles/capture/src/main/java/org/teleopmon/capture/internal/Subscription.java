package org.teleopmon.capture.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;

/** A listener with its interest compiled for the hot path, and its own error count. */
final class Subscription {

    final PacketListener listener;
    final CaptureInterest interest;
    private final PortSet tcp;
    private final PortSet udp;
    final AtomicLong errors = new AtomicLong();
    final AtomicBoolean errorLogged = new AtomicBoolean();

    Subscription(PacketListener listener, CaptureInterest interest) {
        this.listener = listener;
        this.interest = interest;
        this.tcp = new PortSet(interest.tcpPorts());
        this.udp = new PortSet(interest.udpPorts());
    }

    /** The same answer as {@link CaptureInterest#matches}, without boxing. */
    boolean matches(Packet packet) {
        if (packet.transport() == Packet.TCP) {
            return tcp.contains(packet.srcPort()) || tcp.contains(packet.dstPort());
        }
        return interest.allUdp() || udp.contains(packet.srcPort()) || udp.contains(packet.dstPort());
    }
}
