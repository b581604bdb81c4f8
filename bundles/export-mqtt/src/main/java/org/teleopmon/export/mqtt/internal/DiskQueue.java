package org.teleopmon.export.mqtt.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Events waiting for the broker, in order, on disk: append-only segment files
 * ({@code <first seq>.seg}) of records {@code [length][crc32c][seq][topic length][topic][payload]},
 * and a {@code head} file saying where the first undelivered record is.
 *
 * <ul>
 * <li>Each append is forced to disk before it returns, so an accepted event survives kill -9 and a
 *     power cut; export events are a few per second, so one fsync each is affordable.</li>
 * <li>The head moves after each delivery and is not forced: after a crash the last delivered events
 *     may be sent again, which QoS 1 allows anyway (consumers de-duplicate by seq).</li>
 * <li>Bounded in bytes: when full, the oldest segment (an eighth of the bound) is dropped and its
 *     records counted.</li>
 * <li>A torn record at the end (a crash mid-write) or a corrupt one ends its segment on open.</li>
 * </ul>
 * Not thread-safe: one exporter thread owns it.
 */
final class DiskQueue implements Closeable {

    static final int HEADER = 4 + 4 + 8 + 2;

    record Entry(long seq, String topic, byte[] payload, int length) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Deque<Path> segments = new ArrayDeque<>();
    private FileChannel tail;
    private long tailSize;
    private long headOffset;
    private long lastSeq;
    private long dropped;
    private long bytes;
    private int count;

    DiskQueue(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(4096, maxBytes / 8);
        Files.createDirectories(dir);
        open();
    }

    /** The highest seq in the queue's files (0 when empty). */
    long lastSeq() {
        return lastSeq;
    }

    int size() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Records dropped because the queue was full, since it was opened. */
    long dropped() {
        return dropped;
    }

    /** Appends one event and forces it to disk; when full, first drops the oldest segment. */
    void append(long seq, String topic, byte[] payload) throws IOException {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int length = HEADER + topicBytes.length + payload.length;
        if (length > segmentBytes) {
            throw new IOException("an event of " + length + " bytes is larger than a queue segment (" + segmentBytes
                    + " bytes, an eighth of queue.max.bytes)");
        }
        if (tail == null || tailSize + length > segmentBytes) {
            startSegment(seq);
        }
        while (bytes + length > maxBytes && segments.size() > 1) {
            dropOldest();
        }
        ByteBuffer record = ByteBuffer.allocate(length);
        record.putInt(length).putInt(0).putLong(seq).putShort((short) topicBytes.length).put(topicBytes).put(payload);
        record.putInt(4, crc(record.array(), 0, length));
        record.flip();
        long at = tailSize;
        while (record.hasRemaining()) {
            at += tail.write(record, at);
        }
        tail.force(false);
        tailSize += length;
        bytes += length;
        count++;
        lastSeq = Math.max(lastSeq, seq);
    }

    /** The oldest undelivered event. */
    Optional<Entry> peek() throws IOException {
        if (count == 0) {
            return Optional.empty();
        }
        Path first = segments.peekFirst();
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            channel.read(header, headOffset);
            header.flip();
            int length = header.getInt();
            header.getInt();
            long seq = header.getLong();
            int topicLength = header.getShort() & 0xffff;
            ByteBuffer body = ByteBuffer.allocate(length - HEADER);
            channel.read(body, headOffset + HEADER);
            byte[] topic = new byte[topicLength];
            byte[] payload = new byte[length - HEADER - topicLength];
            body.flip();
            body.get(topic).get(payload);
            return Optional.of(new Entry(seq, new String(topic, StandardCharsets.UTF_8), payload, length));
        }
    }

    /** Marks the oldest event (the one {@link #peek()} gave) delivered. */
    void remove(Entry delivered) throws IOException {
        headOffset += delivered.length();
        bytes -= delivered.length();
        count--;
        Path first = segments.peekFirst();
        boolean firstDone = headOffset >= (segments.size() == 1 ? tailSize : Files.size(first));
        if (firstDone) {
            deleteFirst(false);
        } else {
            writeHead(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (tail != null) {
            tail.close();
            tail = null;
        }
    }

    private void open() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("\\d+\\.seg"))
                    .sorted((a, b) -> Long.compare(firstSeq(a), firstSeq(b))).forEach(segments::add);
        }
        long[] head = readHead();
        while (!segments.isEmpty() && firstSeq(segments.peekFirst()) < head[0]) {
            Files.deleteIfExists(segments.pollFirst());
        }
        headOffset = !segments.isEmpty() && firstSeq(segments.peekFirst()) == head[0] ? head[1] : 0;
        boolean first = true;
        for (Path segment : segments) {
            long valid = scan(segment, first ? headOffset : 0);
            if (valid < Files.size(segment)) {
                try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    channel.truncate(valid);
                }
            }
            first = false;
        }
        if (!segments.isEmpty()) {
            tail = FileChannel.open(segments.peekLast(), StandardOpenOption.WRITE, StandardOpenOption.READ);
            tailSize = tail.size();
            while (count == 0 && !segments.isEmpty()) {
                deleteFirst(false);
            }
        }
    }

    /** Counts the valid records of a segment from an offset on; returns where its valid part ends. */
    private long scan(Path path, long from) throws IOException {
        byte[] data = Files.readAllBytes(path);
        int position = 0;
        while (position + HEADER <= data.length) {
            ByteBuffer buffer = ByteBuffer.wrap(data, position, data.length - position);
            int length = buffer.getInt();
            int crc = buffer.getInt();
            if (length < HEADER || length > data.length - position || crc != crc(data, position, length)) {
                break;
            }
            lastSeq = Math.max(lastSeq, buffer.getLong());
            if (position >= from) {
                bytes += length;
                count++;
            }
            position += length;
        }
        return position;
    }

    private void startSegment(long firstSeq) throws IOException {
        close();
        Path segment = dir.resolve(firstSeq + ".seg");
        tail = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                StandardOpenOption.TRUNCATE_EXISTING);
        tailSize = 0;
        if (segments.isEmpty()) {
            headOffset = 0;
        }
        segments.add(segment);
        writeHead(false);
        // The new directory entry must survive a power cut like the records in it.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot open a directory; the records themselves are still forced.
        }
    }

    private void dropOldest() throws IOException {
        Path oldest = segments.peekFirst();
        byte[] data = Files.readAllBytes(oldest);
        int position = (int) headOffset;
        while (position + HEADER <= data.length) {
            int length = ByteBuffer.wrap(data, position, 4).getInt();
            if (length < HEADER || length > data.length - position) {
                break;
            }
            dropped++;
            count--;
            bytes -= length;
            position += length;
        }
        deleteFirst(true);
    }

    /** Deletes the first segment (all delivered or dropped); the tail only when it was the last. */
    private void deleteFirst(boolean force) throws IOException {
        Path first = segments.pollFirst();
        headOffset = 0;
        if (segments.isEmpty()) {
            close();
            tailSize = 0;
        }
        Files.deleteIfExists(first);
        writeHead(force);
    }

    private long[] readHead() throws IOException {
        Path head = dir.resolve("head");
        if (!Files.exists(head)) {
            return new long[] {0, 0};
        }
        String[] parts = Files.readString(head, StandardCharsets.US_ASCII).trim().split("\\s+");
        try {
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The head (first segment's seq, offset in it), replaced atomically. */
    private void writeHead(boolean force) throws IOException {
        long segment = segments.isEmpty() ? 0 : firstSeq(segments.peekFirst());
        Path temporary = dir.resolve("head.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((segment + " " + headOffset + "\n").getBytes(StandardCharsets.US_ASCII)));
            if (force) {
                channel.force(false);
            }
        }
        Files.move(temporary, dir.resolve("head"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long firstSeq(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".seg".length()));
    }

    /** CRC32C of a record with its own crc field taken as zero. */
    private static int crc(byte[] data, int start, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, start, 4);
        crc.update(new byte[4], 0, 4);
        crc.update(data, start + 8, length - 8);
        return (int) crc.getValue();
    }
}
