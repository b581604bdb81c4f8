package org.teleopmon.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * A private network namespace with only {@code lo} (up), so that browsers, GStreamer, tcpdump and a
 * capture stay on loopback and never see other builds' traffic. Programs run inside through
 * {@code ip netns exec}; Java sockets (and libpcap handles) are opened inside by {@link #call}, on a
 * thread that has joined the namespace with {@code setns(2)}: a socket keeps the namespace it was
 * created in. Needs root and iproute2 ({@link Prerequisite#ROOT}, {@link Prerequisite#IPROUTE2}).
 */
public final class NetNs implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 02000000;

    private final String name;
    private ExecutorService inside;

    private NetNs(String name) {
        this.name = name;
    }

    /** Creates a uniquely named namespace with {@code lo} up (the prerequisite policy applies first). */
    public static NetNs create() {
        return planned().bringUp();
    }

    /**
     * A unique name and path for a namespace that does not exist yet, for tests of what happens
     * before it does; {@link #bringUp()} creates it.
     */
    public static NetNs planned() {
        return new NetNs("tm-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
    }

    /** Creates this namespace with {@code lo} up; returns it. */
    public NetNs bringUp() {
        Prerequisites.require(Prerequisite.ROOT, Prerequisite.IPROUTE2);
        run(List.of("ip", "netns", "add", name));
        inside = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "netns-" + name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
            call(() -> {
                enter(path());
                return null;
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The namespace's name, as {@code ip netns} knows it. */
    public String name() {
        return name;
    }

    /** The bind-mounted namespace file, {@code /run/netns/<name>}, for {@code setns(2)} or {@code nsenter --net=}. */
    public Path path() {
        return Path.of("/run/netns", name);
    }

    /** The kernel's identity of the namespace, as {@code /proc/<pid>/task/<tid>/ns/net} links show it. */
    public String identity() throws IOException {
        return "net:[" + Files.getAttribute(path(), "unix:ino") + "]";
    }

    /** A process builder running {@code command} inside this namespace. */
    public ProcessBuilder command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return new ProcessBuilder(full);
    }

    /** {@code command} inside {@code ns}, or in the JVM's own namespace when {@code ns} is null. */
    public static ProcessBuilder command(NetNs ns, List<String> command) {
        return ns == null ? new ProcessBuilder(command) : ns.command(command);
    }

    /** Runs {@code ip -n <name> <args>} (links, addresses inside); returns its exit code. */
    public int ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return exitCode(new ProcessBuilder(command), String.join(" ", command));
    }

    /** Runs {@code command} inside the namespace to its end; returns its exit code. */
    public int exec(String... command) {
        return exitCode(command(List.of(command)), String.join(" ", command));
    }

    /**
     * Runs {@code task} on this namespace's own thread, so sockets (and pcap handles) it opens live in
     * the namespace; they stay there when used from other threads afterwards.
     */
    public <T> T call(Callable<T> task) {
        try {
            return inside.submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("in netns " + name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in netns " + name, e);
        }
    }

    /** {@code task} inside {@code ns}, or on the calling thread when {@code ns} is null. */
    public static <T> T call(NetNs ns, Callable<T> task) {
        if (ns != null) {
            return ns.call(task);
        }
        try {
            return task.call();
        } catch (Exception e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    /** Sends each text as one datagram from inside the namespace to its own 127.0.0.1:{@code port}. */
    public void sendUdp(int port, String... payloads) {
        call(() -> {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (String payload : payloads) {
                    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                }
            }
            return null;
        });
    }

    /** Packets received so far on this namespace's {@code lo} (every loopback packet counts once). */
    public long loopbackRxPackets() {
        try {
            Process p = new ProcessBuilder("ip", "-n", name, "-s", "-j", "link", "show", "lo").start();
            JsonNode json = new ObjectMapper().readTree(p.getInputStream());
            p.waitFor();
            return json.get(0).path("stats64").path("rx").path("packets").asLong();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read lo counters of netns " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the namespace (and stops its thread); nothing to do when it was never brought up. */
    @Override
    public void close() {
        if (inside == null) {
            return;
        }
        inside.shutdownNow();
        inside = null;
        run(List.of("ip", "netns", "delete", name));
    }

    private static void enter(Path nsFile) {
        LibC libc = LibC.INSTANCE;
        int fd = libc.open(nsFile.toString(), O_RDONLY_CLOEXEC);
        try {
            libc.setns(fd, CLONE_NEWNET);
        } finally {
            libc.close(fd);
        }
    }

    private static void run(List<String> command) {
        int exit = exitCode(new ProcessBuilder(command), String.join(" ", command));
        if (exit != 0) {
            throw new IllegalStateException(command + " exited " + exit);
        }
    }

    private static int exitCode(ProcessBuilder builder, String label) {
        try (ChildProcess child = ChildProcess.start(label, builder, null)) {
            int exit = child.awaitExit(Duration.ofSeconds(20));
            if (exit != 0) {
                System.err.println(label + ": exit " + exit + "\n" + child.tails());
            }
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The three libc calls that move a thread into a namespace. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }
}
