package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A memory-mapped region file. The writer builds a new file beside the target and renames it into
 * place, so a reader never maps a half-initialised file and a stale file from a crashed run is
 * replaced in one step; a file whose writer is still alive is never touched.
 */
final class MappedRegion {

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private MappedRegion(Path path, MappedByteBuffer mapped) {
        this.path = path;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /** Maps an existing region read-only. */
    static MappedRegion attach(Path path) throws IOException {
        checkByteOrder();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new MappedRegion(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no Teleop Monitor region (is the monitor running?)");
        }
    }

    /**
     * Creates a zeroed region of {@code size} bytes at a temporary name beside {@code path}; the
     * caller fills it in and then calls {@link #publish()}.
     *
     * @throws IllegalStateException when a live writer owns {@code path}
     */
    static MappedRegion create(Path path, int size, Set<PosixFilePermission> permissions, String magic)
            throws IOException {
        checkByteOrder();
        refuseIfLive(path, magic);
        removeOrphans(path);
        Path temp = path.resolveSibling(path.getFileName() + ".new-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp + ": it reappeared", e);
        }
        // The umask may have removed bits we asked for; never more than asked, so set exactly.
        Files.setPosixFilePermissions(temp, permissions);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new MappedRegion(temp, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
        }
    }

    /** Throws when {@code path} holds a region of the current layout whose writer is live. */
    static void refuseIfLive(Path path, String magic) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        MappedRegion old;
        try {
            old = attach(path);
        } catch (IOException e) {
            return;
        }
        try {
            ShmHeader.check(old.buffer, magic, path.toString());
            if (ShmHeader.status(old.buffer, System.currentTimeMillis()) == WriterStatus.LIVE) {
                throw new IllegalStateException(path + " belongs to a live writer (pid "
                        + old.buffer.getLong(ShmHeader.WRITER_PID_OFFSET) + "); choose another namespace");
            }
        } catch (ShmLayoutException e) {
            // Not a current-layout region: ours to replace.
        } finally {
            old.close();
        }
    }

    /** Deletes temporary files that writers which died before renaming them left beside {@code path}. */
    private static void removeOrphans(Path path) throws IOException {
        String prefix = path.getFileName() + ".new-";
        try (var siblings = Files.newDirectoryStream(path.toAbsolutePath().getParent(), prefix + "*")) {
            for (Path sibling : siblings) {
                String pid = sibling.getFileName().toString().substring(prefix.length());
                if (pid.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    /** Renames the initialised temporary file to its final name, replacing a stale one. */
    Path publish(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    UnsafeBuffer buffer() {
        return buffer;
    }

    Path path() {
        return path;
    }

    /** Attaches read-only, checks the header, and builds a reader on it; unmaps if any of that fails. */
    static <T> T attach(Path path, String magic, java.util.function.Function<MappedRegion, T> reader)
            throws IOException {
        MappedRegion region = attach(path);
        try {
            ShmHeader.check(region.buffer, magic, path.toString());
            return reader.apply(region);
        } catch (RuntimeException e) {
            region.close();
            throw e;
        }
    }

    /** The writer's heartbeat. */
    void heartbeat() {
        ShmHeader.heartbeat(buffer, System.currentTimeMillis());
    }

    /** The writer's heartbeat, promising the next one within {@code interval}. */
    void heartbeat(Duration interval) {
        ShmHeader.heartbeat(buffer, System.currentTimeMillis(), (int) Math.min(Integer.MAX_VALUE, interval.toMillis()));
    }

    /** Marks the region stopped for attached readers, unmaps it, and deletes {@code target} if asked. */
    void stop(Path target, boolean removeFile) throws IOException {
        ShmHeader.setStatus(buffer, WriterStatus.STOPPED);
        close();
        if (removeFile) {
            Files.deleteIfExists(target);
        }
    }

    /** Unmaps now; no access through {@link #buffer()} may follow. */
    void close() {
        IoUtil.unmap(mapped);
    }

    private static void checkByteOrder() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("the shared-memory layout is little-endian; this machine is not");
        }
    }
}
