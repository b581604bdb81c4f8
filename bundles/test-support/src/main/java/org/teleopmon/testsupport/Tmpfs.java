package org.teleopmon.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a directory of its own, for tests of a full disk ({@link #fill()}) and of a
 * file system that turns read-only ({@link #readOnly()}): real ENOSPC and EROFS from the kernel, which
 * root would not get from file permissions. Needs root ({@link Prerequisite#ROOT}).
 */
public final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages) on {@code dir}, creating it. */
    public static Tmpfs mount(Path dir, long bytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", dir.toString());
        return new Tmpfs(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Takes every free byte with a filler file; {@link #free()} gives them back. */
    public Tmpfs fill() {
        Path filler = dir.resolve(".filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw new IllegalStateException("filling " + dir + " failed otherwise than with ENOSPC", full);
            }
        }
        return this;
    }

    /** Deletes the filler of {@link #fill()}. */
    public Tmpfs free() {
        try {
            Files.deleteIfExists(dir.resolve(".filler"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the filler in " + dir, e);
        }
        return this;
    }

    /** Remounts read-only: writes fail with EROFS, open files included. */
    public Tmpfs readOnly() {
        run("mount", "-o", "remount,ro", dir.toString());
        return this;
    }

    public Tmpfs readWrite() {
        run("mount", "-o", "remount,rw", dir.toString());
        return this;
    }

    /** Unmounts (lazily, if a file is still open); what was in it is gone. */
    @Override
    public void close() {
        if (exit(List.of("umount", dir.toString())) != 0) {
            run("umount", "-l", dir.toString());
        }
    }

    private static void run(String... command) {
        int exit = exit(List.of(command));
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
    }

    private static int exit(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ": " + output.trim());
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
