package org.teleopmon.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.TcpInfo;
import org.teleopmon.api.sockets.TcpState;

/** Decoding replies recorded from a real kernel ({@link FixtureRecorder}) against what the recorder did. */
class DiagReplyTest {

    @Test
    void ipv4ConnectionsDecodeWithStatesPortsAndCounters() throws Exception {
        tcpFixture("tcp-v4");
    }

    @Test
    void ipv6ConnectionsDecodeWithStatesPortsAndCounters() throws Exception {
        tcpFixture("tcp-v6");
    }

    private static void tcpFixture(String name) throws Exception {
        int port = Fixtures.fact(name, "port");
        int clientPort = Fixtures.fact(name, "client.port");
        int closingPort = Fixtures.fact(name, "closing.port");
        InetAddress loopback = InetAddress.getByName(Fixtures.text(name, "address"));
        List<SocketEntry> sockets = RawDump.resource(name + ".bin").decode(Protocol.TCP, SocketInterest.tcp(Set.of(port)));

        assertThat(sockets).hasSize(5);
        assertThat(sockets).allSatisfy(s -> {
            assertThat(s.localAddress()).isIn(loopback, InetAddress.getByName(s.localAddress() instanceof Inet4Address
                    ? "0.0.0.0" : "::"));
            assertThat(s.uid()).isEqualTo(Fixtures.fact("", "uid"));
            assertThat(s.cookie()).isNotZero();
        });
        SocketEntry listener = one(sockets, port, 0);
        assertThat(listener.state()).isEqualTo(TcpState.LISTEN);
        assertThat(listener.localAddress()).isEqualTo(loopback);

        SocketEntry server = one(sockets, port, clientPort);
        SocketEntry client = one(sockets, clientPort, port);
        assertThat(server.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(client.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(server.remoteAddress()).isEqualTo(loopback);
        assertThat(server.inode()).isNotZero();
        assertThat(client.inode()).isNotEqualTo(server.inode());
        TcpInfo up = client.tcp();
        TcpInfo down = server.tcp();
        assertThat(up.bytesSent()).isEqualTo(1000);
        assertThat(up.bytesReceived()).isEqualTo(600);
        assertThat(down.bytesReceived()).isEqualTo(1000);
        assertThat(down.bytesSent()).isEqualTo(600);
        // the connecting end's bytes_acked counts its SYN's sequence number too; the accepting end's does not
        assertThat(up.bytesAcked()).isEqualTo(1001);
        assertThat(down.bytesAcked()).isEqualTo(600);
        assertThat(up.dataSegmentsOut()).isEqualTo(1);
        assertThat(down.dataSegmentsOut()).isEqualTo(2);
        assertThat(up.dataSegmentsIn()).isEqualTo(2);
        assertThat(down.dataSegmentsIn()).isEqualTo(1);
        assertThat(up.segmentsOut()).isGreaterThanOrEqualTo(up.dataSegmentsOut() + 2); // SYN, ACKs
        assertThat(up.totalRetransmits()).isZero();
        assertThat(up.bytesRetransmitted()).isZero();
        assertThat(up.rttMicros()).isPositive().isLessThan(100_000); // loopback
        assertThat(up.minRttMicros()).isPositive().isLessThanOrEqualTo(up.rttMicros() * 8);
        assertThat(up.rttVarianceMicros()).isPositive();
        assertThat(up.lastDataSentMillis()).isBetween(0L, 10_000L);

        assertThat(one(sockets, port, closingPort).state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(one(sockets, port, closingPort).state().closedByPeerFirst()).isTrue();
        assertThat(one(sockets, closingPort, port).state()).isEqualTo(TcpState.FIN_WAIT2);
        assertThat(one(sockets, closingPort, port).state().closedHereFirst()).isTrue();
    }

    @Test
    void dualStackSocketsReportIpv4PeersAsIpv4() throws Exception {
        int port = Fixtures.fact("tcp-dualstack", "port");
        List<SocketEntry> sockets = RawDump.resource("tcp-dualstack.bin")
                .decode(Protocol.TCP, SocketInterest.tcp(Set.of(port)));

        SocketEntry accepted = one(sockets, port, Fixtures.fact("tcp-dualstack", "client.port"));
        assertThat(accepted.remoteAddress()).isInstanceOf(Inet4Address.class)
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(accepted.localAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(one(sockets, port, 0).localAddress()).isEqualTo(InetAddress.getByName("::"));
    }

    @Test
    void udpSocketsHaveNoTcpInfoAndShowTheirQueue() throws Exception {
        int port = Fixtures.fact("udp-v4", "port");
        int clientPort = Fixtures.fact("udp-v4", "client.port");
        List<SocketEntry> sockets = RawDump.resource("udp-v4.bin")
                .decode(Protocol.UDP, new SocketInterest(Set.of(Protocol.UDP), Set.of(port, clientPort), null, false));

        assertThat(sockets).hasSize(2).allSatisfy(s -> assertThat(s.tcp()).isNull());
        SocketEntry bound = one(sockets, port, 0);
        assertThat(bound.state()).isEqualTo(TcpState.CLOSE);
        assertThat(bound.receiveQueue()).as("3 unread datagrams of 100 bytes, with their overhead").isGreaterThan(300);
        assertThat(one(sockets, clientPort, port).state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void aRefusedRequestIsAKernelErrorWithItsErrno() throws Exception {
        RawDump refused = RawDump.resource("refused.bin");

        assertThatThrownBy(() -> refused.decode(Protocol.TCP, SocketInterest.all(Protocol.TCP)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(NetlinkException.Kind.KERNEL_ERROR);
                    assertThat(e.errno()).isEqualTo(2);
                });
    }

    @Test
    void theJavaFilterKeepsOnlyTheInterestingSockets() throws Exception {
        int port = Fixtures.fact("tcp-v4", "port");
        int clientPort = Fixtures.fact("tcp-v4", "client.port");
        List<SocketEntry> sockets = RawDump.resource("tcp-v4.bin").decode(Protocol.TCP,
                new SocketInterest(Set.of(Protocol.TCP), Set.of(clientPort), null, false));

        assertThat(sockets).singleElement().satisfies(s -> assertThat(s.remotePort()).isEqualTo(port));
    }

    @Test
    void messagesOfAnotherRequestAreSkipped() throws Exception {
        RawDump dump = RawDump.resource("tcp-v4.bin");
        RawDump stale = new RawDump(dump.sequence() + 1, dump.datagrams());

        assertThat(stale.decode(Protocol.TCP, SocketInterest.all(Protocol.TCP))).isEmpty();
    }

    private static SocketEntry one(List<SocketEntry> sockets, int localPort, int remotePort) {
        return sockets.stream().filter(s -> s.localPort() == localPort && s.remotePort() == remotePort)
                .min(Comparator.comparingLong(SocketEntry::cookie))
                .orElseThrow(() -> new AssertionError("no socket " + localPort + " -> " + remotePort + " in " + sockets));
    }
}
