package org.teleopmon.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;
import org.teleopmon.api.sockets.TcpState;

/** The table read from this machine's kernel (JDK sockets on 127.0.0.1; netlink needs no privilege). */
class SocketsTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aListenerSeesItsConnectionsComeChangeStateAndGo() throws Exception {
        ServerSocket server = server();
        Recorder recorder = new Recorder(SocketInterest.tcp(Set.of(server.getLocalPort())));
        Sockets sockets = sockets(Duration.ofMillis(50));
        sockets.add(recorder);

        Socket client = keep(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        Socket accepted = keep(server.accept());
        int clientPort = client.getLocalPort();
        SocketEntry serverEnd = await().until(() -> recorder.added(server.getLocalPort(), clientPort), e -> e != null);
        assertThat(serverEnd.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(serverEnd.tcp()).isNotNull();
        SocketEntry owned = await().until(() -> recorder.latest().sockets().stream()
                .filter(s -> s.cookie() == serverEnd.cookie() && s.owner() != null).findFirst().orElse(null),
                e -> e != null);
        assertThat(owned.owner().pid()).as("this JVM holds it").isEqualTo(ProcessHandle.current().pid());

        client.getOutputStream().write(new byte[500]);
        accepted.getInputStream().readNBytes(500);
        await().until(() -> recorder.latest().sockets().stream()
                .anyMatch(s -> s.cookie() == serverEnd.cookie() && s.tcp().bytesReceived() == 500));

        client.close();
        await().until(() -> recorder.latest().sockets().stream()
                .anyMatch(s -> s.cookie() == serverEnd.cookie() && s.state() == TcpState.CLOSE_WAIT));
        accepted.close();
        await().until(() -> recorder.removed(serverEnd.cookie()));
    }

    @Test
    void aClosedConnectionIsReadAtOnceNotAtTheNextPeriod() throws Exception {
        ServerSocket watched = server();
        ServerSocket other = server();
        Recorder recorder = new Recorder(SocketInterest.tcp(Set.of(watched.getLocalPort())));
        // A period far longer than the test's waits: a reading after the first one comes only from a notice.
        Sockets sockets = keep(Sockets.open(Duration.ofSeconds(60), Duration.ofSeconds(60)));
        Socket client = keep(new Socket(InetAddress.getLoopbackAddress(), watched.getLocalPort()));
        Socket accepted = keep(watched.accept());
        sockets.add(recorder);
        SocketEntry serverEnd = await().until(() -> recorder.added(watched.getLocalPort(), client.getLocalPort()),
                e -> e != null);
        assertThat(sockets.health().isOk()).as(sockets.health().message()).isTrue();

        Socket otherClient = new Socket(InetAddress.getLoopbackAddress(), other.getLocalPort());
        Socket otherAccepted = other.accept();
        otherClient.close();
        otherAccepted.close();
        client.close();
        accepted.close();

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.removed(serverEnd.cookie()));
        // Each end of the watched connection is a watched socket (the interest matches either port); the other
        // port's two ends, freed before them and so read first from the same notice socket, prompted nothing.
        assertThat(sockets.notices()).isBetween(1L, 2L);
        assertThat(sockets.pollStats()).contains(sockets.notices() + " readings came at once for a closed connection");
    }

    @Test
    void theKernelFilterKeepsOtherPortsInTheKernel() throws Exception {
        ServerSocket watched = server();
        ServerSocket other = server();
        for (int i = 0; i < 20; i++) {
            keep(new Socket(InetAddress.getLoopbackAddress(), other.getLocalPort()));
            keep(other.accept());
        }
        Recorder recorder = new Recorder(SocketInterest.tcp(Set.of(watched.getLocalPort())));
        Sockets sockets = sockets(Duration.ofMillis(50));
        sockets.add(recorder);

        await().until(() -> recorder.snapshots.size() >= 2);
        assertThat(recorder.latest().sockets()).extracting(SocketEntry::localPort).containsOnly(watched.getLocalPort());
        assertThat(sockets.lastReceived()).as("only the watched listener (4-byte and 16-byte families) left the kernel")
                .isEqualTo(1);
    }

    @Test
    void aThrowingListenerCostsOnlyItsOwnSnapshots() throws Exception {
        ServerSocket server = server();
        Sockets sockets = sockets(Duration.ofMillis(50));
        sockets.add(new SocketListener() {
            @Override
            public SocketInterest interest() {
                return SocketInterest.tcp(Set.of(server.getLocalPort()));
            }

            @Override
            public void onSockets(SocketSnapshot snapshot) {
                throw new IllegalStateException("a buggy detector");
            }
        });
        Recorder recorder = new Recorder(SocketInterest.tcp(Set.of(server.getLocalPort())));
        sockets.add(recorder);

        await().until(() -> recorder.snapshots.size() >= 3);
        assertThat(sockets.listeners()).anyMatch(l -> l.contains("errors"));
        assertThat(sockets.health().isOk()).isTrue();
    }

    @Test
    void aSessionReadsAtTheSessionInterval() throws Exception {
        ServerSocket server = server();
        Recorder recorder = new Recorder(SocketInterest.tcp(Set.of(server.getLocalPort())));
        Sockets sockets = keep(Sockets.open(Duration.ofSeconds(30), Duration.ofMillis(20)));
        sockets.add(recorder);
        await().until(() -> recorder.snapshots.size() >= 1);
        int before = recorder.snapshots.size();

        sockets.session(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.snapshots.size() >= before + 5);
        sockets.session(false);
        assertThat(sockets.pollStats()).contains("every 30000 ms");
    }

    @Test
    void aOneOffReadNeedsNoListener() throws Exception {
        ServerSocket server = server();
        Sockets sockets = sockets(Duration.ofSeconds(30));

        SocketSnapshot snapshot = sockets.read(new SocketInterest(Set.of(Protocol.TCP), Set.of(server.getLocalPort()),
                null, false));

        assertThat(snapshot.sockets()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(TcpState.LISTEN));
        assertThat(sockets.snapshot().sockets()).as("no listener, no periodic reading").isEmpty();
    }

    private ServerSocket server() throws IOException {
        ServerSocket server = keep(new ServerSocket());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    private Sockets sockets(Duration poll) {
        return keep(Sockets.open(poll));
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(0, closeable);
        return closeable;
    }

    /** Keeps every snapshot it is given. */
    static final class Recorder implements SocketListener {

        final List<SocketSnapshot> snapshots = new CopyOnWriteArrayList<>();
        private final SocketInterest interest;

        Recorder(SocketInterest interest) {
            this.interest = interest;
        }

        @Override
        public SocketInterest interest() {
            return interest;
        }

        @Override
        public void onSockets(SocketSnapshot snapshot) {
            snapshots.add(snapshot);
        }

        SocketSnapshot latest() {
            return snapshots.isEmpty() ? SocketSnapshot.empty(java.time.Instant.EPOCH) : snapshots.get(snapshots.size() - 1);
        }

        SocketEntry added(int localPort, int remotePort) {
            return snapshots.stream().flatMap(s -> s.added().stream())
                    .filter(e -> e.localPort() == localPort && e.remotePort() == remotePort).findFirst().orElse(null);
        }

        boolean removed(long cookie) {
            return snapshots.stream().flatMap(s -> s.removed().stream()).anyMatch(e -> e.cookie() == cookie);
        }
    }
}
