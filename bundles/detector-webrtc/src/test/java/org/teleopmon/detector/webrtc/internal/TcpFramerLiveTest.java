package org.teleopmon.detector.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;
import org.teleopmon.capture.internal.Capture;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * Real TCP segments: libpcap on {@code lo} (root or CAP_NET_RAW, as CI runs) while a client writes
 * ICE-TCP and TURN-over-TCP streams in random-sized writes to a server on a random port. The framer
 * must give back exactly the packets that were framed.
 */
@Requires({Prerequisite.LIBPCAP, Prerequisite.ROOT})
class TcpFramerLiveTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ServerSocket server = serverSocket();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final TcpFramer framer = new TcpFramer(1500);
    private final Capture capture = Capture.loopback(new PacketListener() {
        @Override
        public CaptureInterest interest() {
            return CaptureInterest.tcp(Set.of(server.getLocalPort()));
        }

        @Override
        public void onPacket(Packet packet) {
            if (packet.dstPort() == server.getLocalPort() && packet.payloadLength() > 0) {
                framer.segment(packet.tcpSeq(), packet.array(), packet.payloadOffset(), packet.payloadLength(),
                        (buf, off, len) -> received.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
            }
        }
    });

    @AfterEach
    void close() throws IOException {
        capture.close();
        server.close();
    }

    @Test
    void iceTcpStreamFromARealSocket() throws Exception {
        sendAndCompare(new TcpFramerStreams(100).rfc4571Frames(400));
    }

    @Test
    void turnOverTcpStreamFromARealSocket() throws Exception {
        sendAndCompare(new TcpFramerStreams(101).turnFrames(400));
    }

    private void sendAndCompare(TcpFramerStreams s) throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(capture.health().isOk()).as("capture on lo needs root or CAP_NET_RAW").isTrue();
            assertThat(capture.stats().filter()).contains(Integer.toString(server.getLocalPort()));
        });
        byte[] wire = s.bytes();
        Thread drain = new Thread(this::drain, "test-drain");
        drain.start();
        Random random = new Random(5);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            for (int off = 0; off < wire.length; ) {
                int len = Math.min(1 + random.nextInt(3000), wire.length - off);
                out.write(wire, off, len);
                out.flush();
                off += len;
            }
        }
        drain.join(WAIT.toMillis());
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSameSizeAs(s.frames));
        assertThat(capture.stats().droppedKernel()).isZero();
        assertThat(TcpFramerTest.hex(received)).containsExactlyElementsOf(TcpFramerTest.hex(s.frames));
        assertThat(framer.malformed()).isZero();
        assertThat(framer.gaps()).isZero();
        assertThat(framer.resyncs()).isZero();
    }

    private void drain() {
        try (Socket peer = server.accept(); InputStream in = peer.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerSocket serverSocket() {
        try {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
