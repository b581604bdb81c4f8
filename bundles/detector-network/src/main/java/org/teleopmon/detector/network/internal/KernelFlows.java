package org.teleopmon.detector.network.internal;

import java.util.BitSet;

import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.TcpInfo;
import org.teleopmon.api.sockets.TcpState;

/**
 * TCP connections on the ports the capture does not watch, from the kernel's socket table: each reading's
 * data-segment and byte counters, as deltas, go into the connection's flow (A = this host's end), so their
 * shape is judged without copying their payload. Connections between two local sockets appear twice (one
 * socket per end); the first socket seen owns the flow. Runs on the sockets poller's thread under the
 * detector's lock, once per reading (allocation here is per reading, not per packet).
 */
final class KernelFlows {

    private final NetworkTraffic traffic;
    private final BitSet captured;
    long readings;
    long sockets;

    KernelFlows(NetworkTraffic traffic) {
        this.traffic = traffic;
        this.captured = new BitSet(65536);
        for (int port : traffic.settings.capturedTcpPorts()) {
            captured.set(port);
        }
    }

    void reading(SocketSnapshot snapshot, long now) {
        readings++;
        NetworkSettings s = traffic.settings;
        for (SocketEntry e : snapshot.sockets()) {
            if (e.protocol() != Protocol.TCP || e.state() != TcpState.ESTABLISHED || e.tcp() == null
                    || e.remotePort() == 0 || captured.get(e.localPort()) || captured.get(e.remotePort())) {
                continue;
            }
            byte[] localAddress = e.localAddress().getAddress();
            byte[] remoteAddress = e.remoteAddress().getAddress();
            if (localAddress.length != remoteAddress.length) {
                continue;
            }
            sockets++;
            byte[] both = new byte[localAddress.length * 2];
            System.arraycopy(localAddress, 0, both, 0, localAddress.length);
            System.arraycopy(remoteAddress, 0, both, localAddress.length, remoteAddress.length);
            int n = localAddress.length;
            Flow f = traffic.flows.find(6, both, 0, e.localPort(), n, e.remotePort(), n);
            if (f == null) {
                f = traffic.flows.create(6, both, 0, e.localPort(), n, e.remotePort(), n, now, Flow.Source.KERNEL);
                f.cookie = e.cookie();
                f.aLocal = true;
                f.bLocal = traffic.isLocal(remoteAddress);
                f.knownPort = traffic.isKnownPort(e.localPort()) || traffic.isKnownPort(e.remotePort());
            } else if (f.source != Flow.Source.KERNEL || f.cookie != e.cookie()) {
                continue;
            }
            update(f, e.tcp(), e.sendQueue() > 0, now, s);
        }
        for (SocketEntry e : snapshot.removed()) {
            if (e.protocol() != Protocol.TCP) {
                continue;
            }
            byte[] l = e.localAddress().getAddress();
            byte[] r = e.remoteAddress().getAddress();
            if (l.length != r.length) {
                continue;
            }
            byte[] both = new byte[l.length * 2];
            System.arraycopy(l, 0, both, 0, l.length);
            System.arraycopy(r, 0, both, l.length, r.length);
            Flow f = traffic.flows.find(6, both, 0, e.localPort(), l.length, e.remotePort(), l.length);
            if (f != null && f.source == Flow.Source.KERNEL && f.cookie == e.cookie()) {
                traffic.flows.remove(f);
            }
        }
    }

    private void update(Flow f, TcpInfo tcp, boolean busy, long now, NetworkSettings s) {
        long out = tcp.dataSegmentsOut();
        long in = tcp.dataSegmentsIn();
        long bytesOut = tcp.bytesAcked();
        long bytesIn = tcp.bytesReceived();
        if (f.kernelReadNanos != 0 && out >= 0 && in >= 0) {
            double seconds = (now - f.kernelReadNanos) / 1e9;
            long segmentsOut = Math.max(0, out - f.kernelSegmentsOut);
            long segmentsIn = Math.max(0, in - f.kernelSegmentsIn);
            f.ab.kernel(now, segmentsOut, Math.max(0, bytesOut - f.kernelBytesOut), seconds, busy, s.bucketNanos());
            f.ba.kernel(now, segmentsIn, Math.max(0, bytesIn - f.kernelBytesIn), seconds, false, s.bucketNanos());
            if (segmentsOut + segmentsIn > 0) {
                f.lastNanos = now;
                traffic.flows.touch(f);
            }
            if (f.ab.packets + f.ba.packets >= FlowTable.PROMOTE_PACKETS) {
                traffic.flows.promote(f);
            }
        } else {
            f.lastNanos = now;
        }
        f.kernelSegmentsOut = out;
        f.kernelSegmentsIn = in;
        f.kernelBytesOut = bytesOut;
        f.kernelBytesIn = bytesIn;
        f.kernelReadNanos = now;
    }
}
