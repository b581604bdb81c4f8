package org.teleopmon.detector.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.TcpInfo;
import org.teleopmon.api.sockets.TcpState;

/**
 * TCP connections on other ports from the socket table's readings (counters as the kernel's tcp_info gives
 * them, one reading a second): their deltas make the same classes; the live tests with the sockets bundle
 * come when it is on main.
 */
class KernelFlowsTest {

    private final NetworkDetector detector = new NetworkDetector(NetworkSettings.defaults());

    /** One connection's cumulative counters at a reading. */
    private record Counters(long segmentsOut, long segmentsIn, long bytesOut, long bytesIn, long sendQueue) {
    }

    private static SocketEntry tcp(String local, int localPort, String remote, int remotePort, long cookie, Counters c)
            throws Exception {
        TcpInfo info = new TcpInfo(1000, 200, 800, c.bytesOut(), c.bytesIn(), c.bytesOut(), 0, c.segmentsIn() * 2,
                c.segmentsOut() * 2, c.segmentsIn(), c.segmentsOut(), 0, 0, 100_000, 10, 10, 10);
        return new SocketEntry(Protocol.TCP, InetAddress.getByName(local), localPort, InetAddress.getByName(remote),
                remotePort, TcpState.ESTABLISHED, cookie, 0, cookie, 0, c.sendQueue(), info, null);
    }

    /** {@code seconds} readings a second apart; {@code perSecond} gives each connection's increments. */
    private void readings(int seconds, List<SocketEntry> template, long[][] perSecond) throws Exception {
        long[][] total = new long[template.size()][4];
        for (int s = 0; s <= seconds; s++) {
            List<SocketEntry> sockets = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                SocketEntry e = template.get(i);
                for (int k = 0; k < 4; k++) {
                    total[i][k] += s == 0 ? 0 : perSecond[i][k];
                }
                sockets.add(tcp(e.localAddress().getHostAddress(), e.localPort(), e.remoteAddress().getHostAddress(),
                        e.remotePort(), e.cookie(), new Counters(total[i][0], total[i][1], total[i][2], total[i][3],
                                perSecond[i].length > 4 ? perSecond[i][4] : 0)));
            }
            long at = Traffic.T0 + s * 1_000_000_000L;
            detector.kernel().reading(new SocketSnapshot(Instant.ofEpochSecond(0, at), sockets, List.of(), List.of()), at);
        }
        // The detector's clock follows capture time: one packet at the last reading sets it there.
        detector.onPacket(org.teleopmon.testsupport.BuiltPacket.udp(Traffic.T0 + seconds * 1_000_000_000L, "10.0.0.5",
                5353, "10.0.0.6", 5353, new byte[20]));
    }

    @Test
    void aThirtyHertzTcpControlLinkInWithVideoOutIsThePatternAndPollingOrADownloadIsNot() throws Exception {
        detector.localAddresses().set(Set.of("10.0.0.2"));
        Counters zero = new Counters(0, 0, 0, 0, 0);
        List<SocketEntry> sockets = List.of(
                tcp("10.0.0.2", 7001, "10.0.0.7", 51000, 1, zero),   // control in: 30 segments/s, unanswered
                tcp("10.0.0.2", 8554, "10.0.0.7", 51002, 2, zero),   // video out: 3 Mbit/s in 1400 B segments
                tcp("10.0.0.2", 40000, "10.0.0.9", 80, 3, zero),     // HTTP poller: 10 requests, 10 answers
                tcp("10.0.0.2", 40002, "10.0.0.9", 443, 4, zero));   // download into the robot
        readings(5, sockets, new long[][] {
            {0, 30, 0, 30 * 40},
            {270, 0, 270 * 1400, 0},
            {10, 10, 10 * 200, 10 * 900},
            {0, 2000, 0, 2000 * 1400}});
        detector.tick();
        DetectorSignal s = detector.detect();
        assertThat(s.active()).as(s.reason()).isTrue();
        assertThat(s.confidence()).isEqualTo(NetworkView.PATTERN_CONFIDENCE);
        assertThat(s.reason()).contains("teleop pattern with 10.0.0.7", "socket table");
        assertThat(s.measurement("command_rate_hz")).isCloseTo(30, within(1.5));
        assertThat(detector.flows(false)).extracting(FlowRow::to).doesNotContain("10.0.0.9:80");
        assertThat(s.reason()).contains("video: tcp 10.0.0.2:8554 -> 10.0.0.7:51002");
        // The download is video into the robot: classified, never part of a pattern.
        assertThat(detector.flows(false)).anySatisfy(r -> assertThat(r.from()).isEqualTo("10.0.0.9:443"));
        // GET /detectors/network's rows: the classified flows, as teleop:flows lists them
        assertThat(detector.details()).hasSameSizeAs(detector.flows(false))
                .anySatisfy(row -> assertThat(row).containsEntry("from", "10.0.0.9:443").containsEntry("source", "kernel"));
        assertThat(s.operators()).extracting(o -> o.id()).containsExactly("10.0.0.7");
    }

    @Test
    void flowsOnTheCapturedPortsAndListeningSocketsAreLeftToTheCapture() throws Exception {
        Counters some = new Counters(100, 100, 1000, 1000, 0);
        List<SocketEntry> sockets = List.of(tcp("10.0.0.2", 8442, "10.0.0.7", 51000, 1, some),
                tcp("10.0.0.2", 51000, "10.0.0.9", 8000, 2, some));
        readings(2, sockets, new long[][] {{90, 0, 9000, 0}, {20, 0, 2000, 0}});
        assertThat(detector.flows(true)).noneSatisfy(r -> assertThat(r.source()).isEqualTo("kernel"));
    }
}
