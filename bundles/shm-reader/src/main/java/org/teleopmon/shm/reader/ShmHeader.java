package org.teleopmon.shm.reader;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The 128-byte header both region files start with (little-endian). The writer's pid, process start
 * and heartbeat let a reader tell a live writer from frozen data.
 */
public final class ShmHeader {

    public static final int LAYOUT_VERSION = 1;
    public static final int HEADER_SIZE = 128;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int HEADER_SIZE_OFFSET = 12;
    public static final int BODY_OFFSET_OFFSET = 16;
    public static final int BODY_SIZE_OFFSET = 20;
    public static final int WRITER_PID_OFFSET = 24;
    public static final int WRITER_START_OFFSET = 32;
    public static final int HEARTBEAT_OFFSET = 40;
    public static final int HEARTBEAT_INTERVAL_OFFSET = 48;
    public static final int STATUS_OFFSET = 52;
    public static final int PARAM1_OFFSET = 56;
    public static final int PARAM2_OFFSET = 60;

    /** A writer whose heartbeat is older than this many intervals (and at least a second) is gone. */
    static final int MISSED_HEARTBEATS = 3;

    private ShmHeader() {
    }

    static void write(AtomicBuffer buffer, String magic, int bodySize, Duration heartbeatInterval, int param1,
            int param2) {
        buffer.putBytes(MAGIC_OFFSET, magic.getBytes(StandardCharsets.US_ASCII));
        buffer.putInt(VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putInt(HEADER_SIZE_OFFSET, HEADER_SIZE);
        buffer.putInt(BODY_OFFSET_OFFSET, HEADER_SIZE);
        buffer.putInt(BODY_SIZE_OFFSET, bodySize);
        buffer.putLong(WRITER_PID_OFFSET, ProcessHandle.current().pid());
        buffer.putLong(WRITER_START_OFFSET, ManagementFactory.getRuntimeMXBean().getStartTime());
        buffer.putLong(HEARTBEAT_OFFSET, System.currentTimeMillis());
        buffer.putInt(HEARTBEAT_INTERVAL_OFFSET, (int) heartbeatInterval.toMillis());
        buffer.putInt(PARAM1_OFFSET, param1);
        buffer.putInt(PARAM2_OFFSET, param2);
        buffer.putIntOrdered(STATUS_OFFSET, WriterStatus.INITIALIZING.code());
    }

    /** Throws a {@link ShmLayoutException} naming what differs unless the file is {@code magic} version 1. */
    static void check(AtomicBuffer buffer, String magic, String what) {
        if (buffer.capacity() < HEADER_SIZE) {
            throw new ShmLayoutException(what + ": file of " + buffer.capacity() + " bytes is too short for a header");
        }
        byte[] found = new byte[8];
        buffer.getBytes(MAGIC_OFFSET, found);
        String foundMagic = new String(found, StandardCharsets.US_ASCII);
        if (!magic.equals(foundMagic)) {
            throw new ShmLayoutException(what + ": magic is '" + printable(foundMagic) + "', expected '" + magic
                    + "': not a Teleop Monitor " + (magic.equals(StateLayout.MAGIC) ? "state" : "ring") + " file");
        }
        int version = buffer.getInt(VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            throw new ShmLayoutException(what + ": layout version " + version + ", this reader understands version "
                    + LAYOUT_VERSION + "; use the reader shipped with the monitor that wrote it");
        }
        int bodyEnd = buffer.getInt(BODY_OFFSET_OFFSET) + buffer.getInt(BODY_SIZE_OFFSET);
        if (bodyEnd > buffer.capacity()) {
            throw new ShmLayoutException(what + ": header announces " + bodyEnd + " bytes, file has " + buffer.capacity());
        }
    }

    static WriterStatus status(AtomicBuffer buffer, long nowMs) {
        WriterStatus status = WriterStatus.fromCode(buffer.getIntVolatile(STATUS_OFFSET));
        if (status != WriterStatus.LIVE) {
            return status;
        }
        long pid = buffer.getLong(WRITER_PID_OFFSET);
        long interval = buffer.getInt(HEARTBEAT_INTERVAL_OFFSET);
        long age = nowMs - buffer.getLongVolatile(HEARTBEAT_OFFSET);
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && age <= Math.max(1000, MISSED_HEARTBEATS * interval) ? WriterStatus.LIVE : WriterStatus.GONE;
    }

    static void heartbeat(AtomicBuffer buffer, long nowMs) {
        buffer.putLongOrdered(HEARTBEAT_OFFSET, nowMs);
    }

    /**
     * A heartbeat that also changes the promised interval. A reader compares the heartbeat's age with the
     * interval, so a longer interval is written before the heartbeat and a shorter one after it: no order
     * of the two reads sees a fresh writer as gone.
     */
    static void heartbeat(AtomicBuffer buffer, long nowMs, int intervalMs) {
        if (intervalMs >= buffer.getInt(HEARTBEAT_INTERVAL_OFFSET)) {
            buffer.putIntVolatile(HEARTBEAT_INTERVAL_OFFSET, intervalMs);
            buffer.putLongOrdered(HEARTBEAT_OFFSET, nowMs);
        } else {
            buffer.putLongOrdered(HEARTBEAT_OFFSET, nowMs);
            buffer.putIntVolatile(HEARTBEAT_INTERVAL_OFFSET, intervalMs);
        }
    }

    static void setStatus(AtomicBuffer buffer, WriterStatus status) {
        buffer.putIntVolatile(STATUS_OFFSET, status.code());
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
