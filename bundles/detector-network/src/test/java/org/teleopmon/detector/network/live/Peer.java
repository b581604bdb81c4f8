package org.teleopmon.detector.network.live;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;

/**
 * One real peer from {@code peers/network_peers.py} (Debian's python3 with websockets, socketio, aiohttp,
 * dnspython, ntplib) running in a namespace: servers print {@code ready}, then {@code received N} whenever
 * their count changes; clients end with {@code sent N seconds S}.
 */
public final class Peer implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Path script;

    private final ChildProcess child;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private Peer(String label, NetNs ns, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Prerequisite.PYTHON3, "-u", script().toString()));
        command.addAll(args);
        child = ChildProcess.start(label, NetNs.command(ns, command), lines::add);
    }

    /** Starts a peer in {@code ns} (the JVM's own namespace when null); a server is returned once it listens. */
    public static Peer start(NetNs ns, String... args) {
        Peer peer = new Peer(args[0], ns, List.of(args));
        if (args[0].endsWith("-server") || args[0].equals("udp-sink") || args[0].equals("relay")
                || List.of(args).contains("--respond")) {
            await().atMost(WAIT).until(() -> peer.lines.contains("ready") || !peer.child.process().isAlive());
            if (!peer.lines.contains("ready")) {
                throw new IllegalStateException(args[0] + " did not start\n" + peer.child.tails());
            }
        }
        return peer;
    }

    /** Waits for a client to finish; returns N of its {@code sent N seconds S} line. */
    public long awaitSent(Duration timeout) throws InterruptedException {
        int exit = child.awaitExit(timeout);
        if (exit != 0) {
            throw new IllegalStateException("peer exited " + exit + "\n" + child.tails());
        }
        return last("sent");
    }

    /** Its {@code seconds S}, once finished. */
    public double seconds() {
        for (String line : lines) {
            String[] w = line.split(" ");
            if (w.length == 4 && w[0].equals("sent")) {
                return Double.parseDouble(w[3]);
            }
        }
        throw new IllegalStateException("no 'sent N seconds S' line\n" + child.tails());
    }

    /** What a server counted so far: N of its latest {@code received N} line (printed as the count changes). */
    public long received() {
        return last("received");
    }

    /** Stops a server (SIGTERM) and returns the last count it printed. */
    public long stop() throws InterruptedException {
        child.process().destroy();
        child.process().waitFor(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return last("received");
    }

    public String tails() {
        return child.tails();
    }

    /** N of the peer's latest {@code <word> N} line. */
    public long last(String word) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] w = lines.get(i).split(" ");
            if (w.length >= 2 && w[0].equals(word)) {
                return Long.parseLong(w[1]);
            }
        }
        throw new IllegalStateException("no '" + word + " N' line\n" + child.tails());
    }

    @Override
    public void close() {
        child.close();
    }

    /** A self-signed certificate and key for the VR server (openssl), in a fresh directory. */
    public static Path[] selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=xlerobot.local", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl req failed");
        }
        return new Path[] {cert, key};
    }

    private static synchronized Path script() {
        if (script == null) {
            try (InputStream in = Peer.class.getResourceAsStream("/peers/network_peers.py")) {
                Path file = Files.createTempFile("network_peers", ".py");
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                script = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }
}
