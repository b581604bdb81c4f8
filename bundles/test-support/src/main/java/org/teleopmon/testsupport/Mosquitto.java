package org.teleopmon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Mosquitto broker for a test: on a random loopback port, with a password file and an ACL,
 * optionally TLS, its configuration and persistence in a directory of the test's. {@link #stop()} and
 * {@link #start()} take it away and bring it back on the same port with its persisted sessions, as a
 * broker restart does. Needs {@link Prerequisite#MOSQUITTO}.
 */
public final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<ChildProcess> clients = new CopyOnWriteArrayList<>();
    private ChildProcess broker;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A broker in {@code dir}: {@code users} name → password, {@code acl} lines of mosquitto.conf(5)'s acl_file. */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    public int port() {
        return port;
    }

    /** Every line the broker logged (connections, refusals) since it was first started. */
    public List<String> log() {
        try {
            Path file = dir.resolve("mosquitto.log");
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the broker and waits until it accepts connections. */
    public Mosquitto start() {
        broker = ChildProcess.start("mosquitto", new ProcessBuilder("mosquitto", "-c",
                dir.resolve("mosquitto.conf").toString()), null);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + ": " + broker.tails());
    }

    /** Stops the broker as its service would (SIGTERM: it saves its persisted sessions). */
    public void stop() throws InterruptedException {
        broker.terminate(Duration.ofSeconds(5));
    }

    /**
     * A {@code mosquitto_sub} with a persistent session ({@code -c}, QoS 1), so what is published while it
     * or the broker is away reaches it afterwards. Each line is {@code <retained 0|1> <topic> <payload>}.
     */
    public Subscription subscribe(String clientId, String user, String password, String topic) {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> command = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-u", user, "-P", password, "-i", clientId, "-c", "-q", "1", "-t", topic,
                "-F", "%r %t %p"));
        if (Files.exists(dir.resolve("ca.crt"))) {
            command.addAll(List.of("--cafile", dir.resolve("ca.crt").toString()));
        }
        ChildProcess client = ChildProcess.start("mosquitto_sub", new ProcessBuilder(command), lines::add);
        clients.add(client);
        return new Subscription(lines, client);
    }

    @Override
    public void close() {
        clients.forEach(ChildProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    /** What a subscriber received, in order. */
    public record Subscription(List<String> lines, ChildProcess process) {
    }

    /** Writes the configuration, password file and ACL. */
    public static final class Builder {

        private final Path dir;
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<String> acl = new ArrayList<>();
        private Path certificate;
        private Path key;

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder user(String name, String password, String... aclLines) {
            users.put(name, password);
            acl.add("user " + name);
            acl.addAll(List.of(aclLines));
            return this;
        }

        /** TLS with this server certificate and key; the CA that signed it must be {@code dir/ca.crt}. */
        public Builder tls(Path serverCertificate, Path serverKey) {
            this.certificate = serverCertificate;
            this.key = serverKey;
            return this;
        }

        public Mosquitto start() {
            try {
                Files.createDirectories(dir.resolve("db"));
                Path passwords = dir.resolve("passwd");
                Files.writeString(passwords, "");
                for (Map.Entry<String, String> user : users.entrySet()) {
                    Process process = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), user.getKey(),
                            user.getValue()).redirectErrorStream(true).start();
                    if (process.waitFor() != 0) {
                        throw new IllegalStateException("mosquitto_passwd failed: "
                                + new String(process.getInputStream().readAllBytes()));
                    }
                }
                Files.write(dir.resolve("acl"), acl);
                int port = FreePort.next();
                List<String> conf = new ArrayList<>(List.of("listener " + port + " 127.0.0.1",
                        "allow_anonymous false", "password_file " + passwords, "acl_file " + dir.resolve("acl"),
                        "persistence true", "persistence_location " + dir.resolve("db") + "/",
                        "log_dest file " + dir.resolve("mosquitto.log"), "log_type all", "connection_messages true",
                        "user " + System.getProperty("user.name")));
                if (certificate != null) {
                    conf.addAll(List.of("cafile " + dir.resolve("ca.crt"), "certfile " + certificate,
                            "keyfile " + key, "tls_version tlsv1.2"));
                }
                Files.write(dir.resolve("mosquitto.conf"), conf);
                return new Mosquitto(dir, port).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
