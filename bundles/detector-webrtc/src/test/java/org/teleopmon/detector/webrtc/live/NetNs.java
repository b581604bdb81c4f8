package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
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
import org.junit.jupiter.api.Assumptions;

/**
 * A private network namespace with only {@code lo} (up), so Chromium, GStreamer and tcpdump stay on
 * loopback and never see other helpers' traffic. Programs run inside through {@code ip netns exec};
 * Java sockets (and libpcap handles) are opened inside by {@link #call(Callable)}, on a thread that
 * has joined the namespace with {@code setns(2)}: a socket keeps the namespace it was created in.
 * Needs root and iproute2; otherwise {@link #create()} aborts the calling test with the reason.
 */
public final class NetNs implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 02000000;

    private final String name;
    private final ExecutorService inside;

    private NetNs(String name) {
        this.name = name;
        this.inside = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "netns-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Why namespaces cannot be made here, or null when they can. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "network namespaces need the 'ip' command (Debian package iproute2)";
        }
        return null;
    }

    /** Creates a uniquely named namespace with {@code lo} up; aborts (JUnit assumption) when not root or no ip. */
    public static NetNs create() {
        String reason = unavailableReason();
        Assumptions.assumeTrue(reason == null, reason);
        String name = "tmw-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        run(List.of("ip", "netns", "add", name));
        NetNs ns = new NetNs(name);
        try {
            run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
            ns.call(() -> {
                enter(ns.path());
                return null;
            });
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace's name, as {@code ip netns} knows it. */
    public String name() {
        return name;
    }

    /** The bind-mounted namespace file, {@code /run/netns/<name>}, for {@code setns(2)} or {@code nsenter --net=}. */
    public Path path() {
        return Path.of("/run/netns", name);
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

    /** Deletes the namespace (and stops its thread). */
    @Override
    public void close() {
        inside.shutdownNow();
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
        ChildProcess child = ChildProcess.start(String.join(" ", command), new ProcessBuilder(command), null);
        try (child) {
            int exit = child.awaitExit(Duration.ofSeconds(10));
            if (exit != 0) {
                throw new IllegalStateException(command + " exited " + exit + "\n" + child.tails());
            }
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
