package org.teleopmon.detector.webrtc.live;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Prerequisites;
import org.teleopmon.testsupport.UdpSink;

/**
 * Real UDP traffic that is not WebRTC, on loopback, for "no call detected" tests: DNS (dnspython
 * client against a small responder), NTP (ntplib client against a small server), QUIC client
 * Initials (Chromium forced onto QUIC against a silent {@link UdpSink}, which it keeps retrying), and
 * a complete QUIC connection with 1-RTT short-header packets (ngtcp2's {@code gtlsclient} fetching a
 * file from {@code gtlsserver}, Debian packages ngtcp2-client and ngtcp2-server). Each returns the
 * server port it used, so a test can check that no call was detected on it.
 */
public final class OtherUdpTraffic {

    private static final String PYTHON = Prerequisite.PYTHON3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One generator's run: {@code requests} sent to {@code serverPort} on 127.0.0.1, {@code responses} answered. */
    public record Exchange(String protocol, int serverPort, int requests, int responses) {
    }

    private OtherUdpTraffic() {
    }

    /** {@code queries} DNS A queries, each answered. */
    public static Exchange dns(NetNs ns, int queries) {
        Prerequisites.require(Prerequisite.PYTHON_DNS);
        return python(ns, "dns", "dns_exchange.py", queries);
    }

    /** {@code requests} NTPv4 client requests, each answered. */
    public static Exchange ntp(NetNs ns, int requests) {
        Prerequisites.require(Prerequisite.PYTHON_NTP);
        return python(ns, "ntp", "ntp_exchange.py", requests);
    }

    /**
     * Chromium fetching {@code https://127.0.0.1:<port>/} over QUIC for at least {@code duration}, and until
     * its first datagram arrived (a loaded machine may take longer than that to start it), against a
     * server that never answers: long-header Initial packets and their retransmissions only.
     * {@code requests} is the number of datagrams the silent server received; {@code responses} 0.
     */
    public static Exchange quicInitials(NetNs ns, Duration duration) {
        try (UdpSink sink = UdpSink.start(ns)) {
            String origin = "127.0.0.1:" + sink.port();
            try (ChildProcess chromium = Chromium.start(ns, "https://" + origin + "/",
                    List.of("--enable-quic", "--origin-to-force-quic-on=" + origin), null)) {
                await("Chromium's first QUIC Initial").pollDelay(duration).atMost(duration.plusSeconds(60))
                        .until(() -> sink.datagrams() > 0);
            }
            return new Exchange("quic-initial", sink.port(), (int) sink.datagrams(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A full QUIC connection (TLS 1.3 handshake, then short-header 1-RTT packets) fetching a random
     * file of {@code bytes} over HTTP/3. {@code requests} 1; {@code responses} 1 when the file arrived whole.
     */
    public static Exchange quicTransfer(NetNs ns, int bytes) {
        Prerequisites.require(Prerequisite.NGTCP2, Prerequisite.OPENSSL);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("teleop-quic");
            Path docs = Files.createDirectories(dir.resolve("htdocs"));
            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            byte[] file = new byte[bytes];
            new Random(7).nextBytes(file);
            Files.write(docs.resolve("file.bin"), file);
            run(null, "openssl", List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()));
            int port = NetNs.call(ns, () -> {
                try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                    return ((InetSocketAddress) probe.getLocalAddress()).getPort();
                }
            });
            try (ChildProcess server = ChildProcess.start("gtlsserver", NetNs.command(ns, List.of("gtlsserver", "-q",
                    "-d", docs.toString(), "127.0.0.1", String.valueOf(port), dir.resolve("key.pem").toString(),
                    dir.resolve("cert.pem").toString())), null)) {
                run(ns, "gtlsclient", List.of("gtlsclient", "-q", "--exit-on-all-streams-close",
                        "--download=" + downloads, "127.0.0.1", String.valueOf(port),
                        "https://127.0.0.1:" + port + "/file.bin"));
            }
            Path got = downloads.resolve("file.bin");
            boolean whole = Files.exists(got) && Files.size(got) == bytes;
            return new Exchange("quic", port, 1, whole ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                ChildProcess.deleteTree(dir);
            }
        }
    }

    /** All four: 20 DNS queries, 5 NTP requests, 3 s of QUIC Initials and a 200 kB QUIC transfer. */
    public static List<Exchange> all(NetNs ns) {
        return List.of(dns(ns, 20), ntp(ns, 5), quicInitials(ns, Duration.ofSeconds(3)), quicTransfer(ns, 200_000));
    }

    private static Exchange python(NetNs ns, String protocol, String script, int count) {
        Path file = null;
        try (InputStream in = OtherUdpTraffic.class.getResourceAsStream(script)) {
            file = Files.createTempFile("teleop-" + protocol, ".py");
            Files.write(file, in.readAllBytes());
            List<String> out = run(ns, protocol, List.of(PYTHON, file.toString(), String.valueOf(count)));
            JsonNode result = JSON.readTree(out.get(out.size() - 1));
            return new Exchange(protocol, result.path("port").asInt(), result.path("requests").asInt(),
                    result.path("responses").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                ChildProcess.deleteTree(file);
            }
        }
    }

    private static List<String> run(NetNs ns, String label, List<String> command) {
        try (ChildProcess child = ChildProcess.start(label, NetNs.command(ns, command), null)) {
            int exit = child.awaitExit(Duration.ofSeconds(30));
            if (exit != 0) {
                throw new IllegalStateException(command + " exited " + exit + "\n" + child.tails());
            }
            return child.stdoutTail();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
