package org.teleopmon.capture.internal;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A network namespace made with iproute2 for one test ({@code ip netns add}), with its {@code lo} up. */
final class TestNamespace implements AutoCloseable {

    private static final String SEND_UDP = "import socket, sys\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "for p in sys.argv[2:]:\n"
            + "    s.sendto(p.encode(), ('127.0.0.1', int(sys.argv[1])))\n";

    final String name;
    private boolean created;

    TestNamespace() {
        this.name = "tm-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    }

    /** The file the capture is configured with. */
    String file() {
        return "/run/netns/" + name;
    }

    /** Creates it; skips the test by assumption where namespaces cannot be made (not root). */
    TestNamespace create() throws IOException, InterruptedException {
        assumeThat(run("ip", "netns", "add", name)).as("can create a network namespace (root)").isZero();
        created = true;
        check(run("ip", "-n", name, "link", "set", "lo", "up"));
        return this;
    }

    /** Sends the datagrams from inside the namespace to its own 127.0.0.1. */
    void sendUdp(int port, String... payloads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "/usr/bin/python3", "-c",
                SEND_UDP, Integer.toString(port)));
        command.addAll(Arrays.asList(payloads));
        check(run(command.toArray(new String[0])));
    }

    /** The kernel's identity of the namespace, as {@code /proc/<pid>/task/<tid>/ns/net} links show it. */
    String identity() throws IOException {
        return "net:[" + Files.getAttribute(Path.of(file()), "unix:ino") + "]";
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": exit " + process.exitValue() + ": " + output);
        }
        return process.exitValue();
    }

    private static void check(int exit) throws IOException {
        if (exit != 0) {
            throw new IOException("command failed with exit " + exit);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (created) {
            run("ip", "netns", "del", name);
            created = false;
        }
    }
}
