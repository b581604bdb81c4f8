package org.teleopmon.detector.input.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.jna.Memory;

/**
 * Hotplug and consumer changes from inotify on the device directories, read on the reader's poll
 * loop (sysfs sends no inotify events, {@code /dev} does): a node created, deleted or re-permissioned
 * means a device changed; a node opened or closed by anyone means its consumers may have changed.
 * Reads and accesses are not watched, so a busy device wakes nobody.
 */
final class Inotify implements AutoCloseable {

    /** What a batch of events asks for. */
    static final int DEVICES = 1;
    static final int CONSUMERS = 2;
    static final int NEW_DIRECTORY = 4;

    private static final int NODE_MASK = LibC.IN_CREATE | LibC.IN_DELETE | LibC.IN_ATTRIB | LibC.IN_MOVED_FROM
            | LibC.IN_MOVED_TO;
    private static final int USE_MASK = LibC.IN_OPEN | LibC.IN_CLOSE_WRITE | LibC.IN_CLOSE_NOWRITE;
    private static final int IN_NONBLOCK = 0x800;
    private static final int IN_CLOEXEC = 0x80000;
    private static final int BUFFER = 4096;

    private final int fd;
    private final Memory memory = new Memory(BUFFER);
    private final ByteBuffer buffer = memory.getByteBuffer(0, BUFFER).order(ByteOrder.nativeOrder());
    private int devWatch = -1;

    private Inotify(int fd) {
        this.fd = fd;
    }

    /** A new instance, or an exception saying why inotify is not available. */
    static Inotify open() {
        int fd = LibC.inotifyInit(IN_NONBLOCK | IN_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("inotify_init1 failed, errno " + LibC.errno());
        }
        return new Inotify(fd);
    }

    int fd() {
        return fd;
    }

    /**
     * Watches {@code <root>/dev} for new nodes (hidraw, the {@code input} directory itself) and
     * {@code <root>/dev/input} for nodes and their users. Returns false when {@code dev/input} does not
     * exist yet (it is watched once it appears).
     */
    boolean watch(Path dev, Path devInput) {
        if (devWatch < 0) {
            devWatch = LibC.inotifyAddWatch(fd, dev.toString(), NODE_MASK);
            if (devWatch < 0) {
                throw new IllegalStateException("cannot watch " + dev + ", errno " + LibC.errno());
            }
        }
        int input = LibC.inotifyAddWatch(fd, devInput.toString(), NODE_MASK | USE_MASK);
        return input >= 0;
    }

    /** Watches one node (a hidraw node outside {@code dev/input}) for its users. */
    void watchUse(Path node) {
        LibC.inotifyAddWatch(fd, node.toString(), USE_MASK);
    }

    /** Reads what is queued; returns {@link #DEVICES}, {@link #CONSUMERS}, {@link #NEW_DIRECTORY} bits. */
    int drain() {
        int wants = 0;
        while (true) {
            long n = LibC.read(fd, memory, BUFFER);
            if (n <= 0) {
                return wants;
            }
            for (int at = 0; at + 16 <= n; ) {
                int watch = buffer.getInt(at);
                int mask = buffer.getInt(at + 4);
                int length = buffer.getInt(at + 12);
                String name = length > 0 ? name(at + 16, length) : "";
                at += 16 + length;
                if ((mask & LibC.IN_Q_OVERFLOW) != 0) {
                    wants |= DEVICES | CONSUMERS;
                } else if ((mask & USE_MASK) != 0) {
                    wants |= CONSUMERS;
                } else if ((mask & NODE_MASK) != 0 && relevant(watch, name)) {
                    wants |= DEVICES | (name.equals("input") ? NEW_DIRECTORY : 0);
                }
            }
        }
    }

    private boolean relevant(int watch, String name) {
        return watch != devWatch || name.equals("input") || name.startsWith("hidraw");
    }

    private String name(int at, int length) {
        int end = at;
        while (end < at + length && buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
