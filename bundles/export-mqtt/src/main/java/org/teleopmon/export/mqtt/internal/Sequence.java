package org.teleopmon.export.mqtt.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The robot's message sequence: strictly increasing across restarts, not contiguous. Numbers are
 * reserved on disk a block at a time (one fsync per block), and a restart continues after the last
 * reservation, so a number is never given twice even after kill -9 or a power cut.
 */
final class Sequence {

    static final long BLOCK = 1000;

    private final Path file;
    private long next;
    private long reserved;

    Sequence(Path file, long atLeast) throws IOException {
        this.file = file;
        long stored = 0;
        if (Files.exists(file)) {
            try {
                stored = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                throw new IOException(file + " does not hold a number; delete it to restart numbering", e);
            }
        }
        next = Math.max(stored, atLeast) + 1;
        reserved = next - 1;
    }

    long next() throws IOException {
        if (next > reserved) {
            reserve(next + BLOCK - 1);
        }
        return next++;
    }

    private void reserve(long upTo) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((upTo + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        reserved = upTo;
    }
}
