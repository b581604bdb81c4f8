package org.teleopmon.shm.reader;

/** What a reader can tell about the process that writes a region. */
public enum WriterStatus {
    /** The writer is still filling the file in; nothing to read yet. */
    INITIALIZING,
    /** The writer runs and its heartbeat is fresh. */
    LIVE,
    /** The writer stopped cleanly; the data is its last word. */
    STOPPED,
    /** The writer died or hangs: its process is gone or its heartbeat is stale. The data is frozen. */
    GONE;

    static WriterStatus fromCode(int code) {
        return switch (code) {
            case 0 -> INITIALIZING;
            case 1 -> LIVE;
            case 2 -> STOPPED;
            default -> throw new ShmLayoutException("unknown writer status code " + code);
        };
    }

    int code() {
        return ordinal();
    }
}
