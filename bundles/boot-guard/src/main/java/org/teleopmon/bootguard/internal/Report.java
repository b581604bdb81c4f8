package org.teleopmon.bootguard.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Says what went wrong where someone will look even when the framework is stuck: standard error (the
 * console, or the journal under systemd), java.util.logging (karaf.log while pax-logging still runs,
 * which a stuck refresh may have stopped) and a file of its own next to karaf.log with a thread dump.
 */
final class Report {

    private static final Logger LOG = Logger.getLogger("org.teleopmon.bootguard");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    Report(Path dir) {
        this.dir = dir;
    }

    void info(String message) {
        LOG.info(message);
    }

    void warn(String message) {
        System.err.println("teleop-monitor: " + message);
        LOG.warning(message);
    }

    /** Writes the message and a dump of every thread; returns the dump's path, or null if none could be written. */
    Path failure(String name, String message) {
        String text = message + System.lineSeparator() + System.lineSeparator() + threadDump();
        Path file = dir.resolve(name + "-" + LocalDateTime.now().format(STAMP) + ".txt");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | RuntimeException e) {
            file = null;
        }
        String where = file == null ? " (no thread dump: " + dir + " is not writable)" : " Thread dump: " + file;
        System.err.println("teleop-monitor: " + message + where);
        System.err.flush();
        LOG.log(Level.SEVERE, message + where);
        return file;
    }

    static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            dump.append(System.lineSeparator());
            for (StackTraceElement frame : info.getStackTrace()) {
                dump.append("    at ").append(frame).append(System.lineSeparator());
            }
            dump.append(System.lineSeparator());
        }
        return dump.toString();
    }
}
