package org.teleopmon.detector.network.live;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;

/**
 * A real OpenSSH server in a namespace: its own host key, config and a throwaway client key in a temporary
 * directory, key-only login, bound to one address of that namespace (never the machine's). {@link #ssh} is
 * the matching client command line.
 */
public final class Sshd implements AutoCloseable {

    public static final int PORT = 2222;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Path dir;
    private final String host;
    private final ChildProcess daemon;

    private Sshd(Path dir, String host, ChildProcess daemon) {
        this.dir = dir;
        this.host = host;
        this.daemon = daemon;
    }

    /** Starts {@code /usr/sbin/sshd} in {@code ns} on {@code host}:{@value #PORT}; returns once it listens. */
    public static Sshd start(NetNs ns, String host) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sshd");
        try {
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + PORT,
                    "ListenAddress " + host,
                    "HostKey " + dir.resolve("host_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "PermitRootLogin prohibit-password",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    // The temporary directory is not root's home: its modes are not the point here.
                    "StrictModes no",
                    "Subsystem sftp internal-sftp",
                    "LogLevel VERBOSE", ""));
            // sshd refuses to start without its privilege-separation directory (Debian makes it at boot).
            Files.createDirectories(Path.of("/run/sshd"));
            List<String> lines = new CopyOnWriteArrayList<>();
            ChildProcess daemon = ChildProcess.start("sshd",
                    ns.command(List.of("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())),
                    lines::add);
            await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("Server listening"))
                    || !daemon.process().isAlive());
            if (!daemon.process().isAlive()) {
                throw new IllegalStateException("sshd did not start\n" + daemon.tails());
            }
            return new Sshd(dir, host, daemon.deleteOnClose(dir));
        } catch (IOException | InterruptedException | RuntimeException e) {
            ChildProcess.deleteTree(dir);
            throw e;
        }
    }

    /** The ssh client's transport, for {@code rsync -e}: key login, no known-hosts file, no user config. */
    public String transport() {
        return "ssh -F /dev/null -i " + dir.resolve("client_key") + " -p " + PORT
                + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR";
    }

    /** An interactive login ({@code -tt}: the robot's end is a pty) running {@code remote} (a shell when empty). */
    public String ssh(String remote) {
        return transport() + " -tt root@" + host + (remote.isEmpty() ? "" : " " + remote);
    }

    /** {@code root@host:path}, for rsync. */
    public String remote(Path path) {
        return "root@" + host + ":" + path;
    }

    public String tails() {
        return daemon.tails();
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "teleop-test", "-f",
                key.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed for " + key);
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
