package org.teleopmon.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An external program started for a test: its stdout and stderr are pumped line by line (so a chatty
 * program never blocks on a full pipe), the last lines of each are kept for error messages, and
 * {@link #close()} kills the whole process tree (Chromium forks zygotes and renderers that outlive
 * a killed parent otherwise).
 */
public final class ChildProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final String label;
    private final Process process;
    private final Deque<String> stdoutTail = new ArrayDeque<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final List<Thread> pumps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Path> deleteOnClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ChildProcess(String label, Process process) {
        this.label = label;
        this.process = process;
    }

    /**
     * Starts {@code builder}; every stdout and stderr line is also handed to {@code lines} (may be null),
     * on a pump thread.
     */
    public static ChildProcess start(String label, ProcessBuilder builder, Consumer<String> lines) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label + ": " + builder.command(), e);
        }
        ChildProcess child = new ChildProcess(label, process);
        child.pump(process.getInputStream(), child.stdoutTail, lines, "out");
        child.pump(process.getErrorStream(), child.stderrTail, lines, "err");
        return child;
    }

    private void pump(InputStream in, Deque<String> tail, Consumer<String> lines, String stream) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                    if (lines != null) {
                        lines.accept(line);
                    }
                }
            } catch (IOException closed) {
                // the process went away; its tail is what we have
            }
        }, label + "-" + stream);
        pump.setDaemon(true);
        pumps.add(pump);
        pump.start();
    }

    /** Deletes {@code dir} (recursively) once the process is killed by {@link #close()}. */
    public ChildProcess deleteOnClose(Path dir) {
        deleteOnClose.add(dir);
        return this;
    }

    /** The process itself. */
    public Process process() {
        return process;
    }

    /**
     * Waits for the process to exit on its own and its output to be read; returns its exit code, or
     * throws with the output tail.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(label + " did not finish within " + timeout + "\n" + tails());
        }
        for (Thread pump : pumps) {
            pump.join(2000);
        }
        return process.exitValue();
    }

    /** The last lines of stderr (and stdout), for error messages. */
    public String tails() {
        StringBuilder text = new StringBuilder("--- ").append(label).append(" stderr tail ---\n");
        synchronized (stderrTail) {
            stderrTail.forEach(l -> text.append(l).append('\n'));
        }
        text.append("--- ").append(label).append(" stdout tail ---\n");
        synchronized (stdoutTail) {
            stdoutTail.forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    /** The last stdout lines. */
    public List<String> stdoutTail() {
        synchronized (stdoutTail) {
            return List.copyOf(stdoutTail);
        }
    }

    /** Asks the process to stop (SIGTERM), so programs like tcpdump flush their output; then waits. */
    public void terminate(Duration grace) throws InterruptedException {
        // Process.destroy() would also close our ends of the pipes and lose the program's last words.
        process.toHandle().destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
        }
        for (Thread pump : pumps) {
            pump.join(2000);
        }
    }

    /** Kills the process and every descendant (snapshotted first, as they get reparented once the parent dies). */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteOnClose.forEach(ChildProcess::deleteTree);
    }

    /** Deletes a temporary directory tree, best effort (a browser may still be writing its profile). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp dir is harmless
        }
    }
}
