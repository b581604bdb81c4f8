package org.teleopmon.ledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** A failure of the SQLite file, classified, with a message that says what to do. */
final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** No space left on the file system. */
        FULL,
        /** The file or its directory cannot be written. */
        READ_ONLY,
        /** The file is not a database, or is damaged. */
        CORRUPT,
        /** The file was written by a newer ledger. */
        NEWER,
        /** Anything else. */
        OTHER
    }

    private static final String FIX_PATH = "or set path of org.teleopmon.ledger to another file";

    final Kind kind;

    StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What failed ({@code what}: "write", "open") for the file at {@code path}, from SQLite's answer. */
    static StoreException of(SQLException e, Path path, String what) {
        int primary = e.getErrorCode() & 0xff;
        String sqlite = e.getMessage() == null ? "" : e.getMessage();
        return switch (primary) {
            case 13 -> full(path, what, e);
            case 11, 26 -> new StoreException(Kind.CORRUPT, "the ledger file " + path + " is damaged (" + sqlite + ")", e);
            case 8, 3, 14, 23 -> readOnly(path, what, e);
            case 10 -> io(path, what, e);
            default -> new StoreException(Kind.OTHER, "cannot " + what + " the ledger file " + path + ": " + sqlite
                    + "; check the file " + FIX_PATH, e);
        };
    }

    static StoreException of(IOException e, Path path, String what) {
        if (e.getMessage() != null && e.getMessage().contains("No space left")) {
            return full(path, what, e);
        }
        return new StoreException(Kind.READ_ONLY, "cannot " + what + " " + path + ": " + e + "; make "
                + path.getParent() + " writable by the monitor's user " + FIX_PATH, e);
    }

    private static StoreException full(Path path, String what, Exception e) {
        return new StoreException(Kind.FULL, "cannot " + what + " the ledger file " + path + ": the disk is full ("
                + freeSpace(path) + " free); free space there " + FIX_PATH, e);
    }

    private static StoreException readOnly(Path path, String what, Exception e) {
        return new StoreException(Kind.READ_ONLY, "cannot " + what + " the ledger file " + path + ": "
                + why(path) + " (" + e.getMessage() + "); make " + path.getParent()
                + " and the file writable by the monitor's user " + FIX_PATH, e);
    }

    private static String why(Path path) {
        try {
            if (Files.getFileStore(path.getParent()).isReadOnly()) {
                return "its file system is mounted read-only";
            }
        } catch (IOException e) {
            return "its directory cannot be read";
        }
        return Files.isWritable(path.getParent()) ? "the file is read-only" : "its directory is not writable";
    }

    /** An I/O error is a full disk or a read-only file system as often as a broken disk: ask the file system. */
    private static StoreException io(Path path, String what, SQLException e) {
        if (freeBytes(path) == 0) {
            return full(path, what, e);
        }
        if (!Files.isWritable(path.getParent())) {
            return readOnly(path, what, e);
        }
        return new StoreException(Kind.OTHER, "cannot " + what + " the ledger file " + path + ": I/O error ("
                + e.getMessage() + "); check the disk " + FIX_PATH, e);
    }

    private static long freeBytes(Path path) {
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String freeSpace(Path path) {
        long bytes = freeBytes(path);
        return bytes < 0 ? "unknown" : bytes < 1024 * 1024 ? bytes / 1024 + " KiB" : bytes / (1024 * 1024) + " MiB";
    }
}
