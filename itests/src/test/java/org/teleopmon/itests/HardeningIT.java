package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The distribution started as a daemon ({@code bin/start}) against what a local user or a hostile
 * web page can try: secrets readable only by the monitor's user, the shell login created without the
 * launcher, the shutdown port useless without the command, foreign Host names refused, malformed
 * requests answered 400 without filling the log, and no server make in the responses.
 */
public class HardeningIT {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static DistributionCopy copy;

    @BeforeClass
    public static void startAsDaemon() throws Exception {
        copy = DistributionCopy.fresh("teleop-hardening");
        DistributionCopy.Result start = copy.run(60, "start");
        assertEquals(start.output(), 0, start.code());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> copy.status("/health/ready") == 200);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (copy != null) {
            copy.close();
        }
    }

    @Test
    public void secretsAreTheOwnersAloneAndBinStartCreatedTheShellLogin() throws Exception {
        for (String secret : List.of("etc/admin.password", "etc/users.properties", "etc/config.properties",
                "etc/org.teleopmon.streamer.cfg", "data/port")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(copy.home.resolve(secret)));
            assertEquals(secret, OWNER_ONLY, Files.getPosixFilePermissions(copy.home.resolve(secret)));
        }
        Set<PosixFilePermission> log = Files.getPosixFilePermissions(copy.home.resolve("data/log/karaf.log"));
        assertFalse("the log is not readable by others: " + log, log.contains(PosixFilePermission.OTHERS_READ));

        String secret = copy.adminPassword().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                copy.client("admin", secret, "bundle:list -t 0").output().contains("Teleop Monitor :: Streamer"));
    }

    @Test
    public void theShutdownPortNeedsTheSecretCommand() throws Exception {
        int port = Integer.parseInt(Files.readString(copy.home.resolve("data/port")).trim());
        for (String guess : List.of("SHUTDOWN", "shutdown\n", "karaf")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(guess.getBytes(StandardCharsets.US_ASCII));
            }
        }
        // a correct command stops Karaf within a second or two; a wrong one is ignored
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> copy.status("/health/live") == 200);
    }

    @Test
    public void foreignHostNamesAreRefusedAndLoopbackOnesServed() throws Exception {
        assertTrue(raw("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(raw("GET /status HTTP/1.1\r\nHost: localhost:" + copy.webPort + "\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 200"));
        String rebound = raw("GET / HTTP/1.1\r\nHost: evil.example:" + copy.webPort + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebound, rebound.startsWith("HTTP/1.1 421"));
    }

    @Test
    public void malformedRequestsAre400sThatLeaveTheLogAlone() throws Exception {
        for (int i = 0; i < 20; i++) {
            for (String request : List.of(
                    "GET /status?x=%ff HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                    "GET /status?%=% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                    "GET /sessions?limit=%c0%80 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                    "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
                String reply = raw(request);
                assertTrue(request + " -> " + reply, reply.startsWith("HTTP/1.1 400"));
                assertFalse(reply, reply.toLowerCase().contains("server:") || reply.toLowerCase().contains("jetty"));
            }
        }
        String ok = raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertFalse(ok, ok.toLowerCase().contains("server:"));
        String log = Files.readString(copy.home.resolve("data/log/karaf.log"));
        assertFalse("no stack trace for a client's mistake", log.contains("NotUtf8Exception")
                || log.contains("failed\n") || log.contains("IllegalArgumentException"));
        assertFalse("no warning per duplicate Host header", log.contains("Encountered multiple `Host` headers"));
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", copy.webPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
