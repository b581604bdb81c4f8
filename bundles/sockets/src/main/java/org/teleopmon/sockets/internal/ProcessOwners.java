package org.teleopmon.sockets.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.teleopmon.api.sockets.SocketOwner;

/**
 * Which process holds a socket: the {@code /proc/<pid>/fd} link naming {@code socket:[inode]}. Scanning
 * {@code /proc} reads every descriptor of every process, so it runs only when sockets with unknown inodes
 * appear, at most once per {@link #MIN_SCAN_NANOS}, and an inode not found is not looked for again (its holder
 * is a process the monitor may not inspect, or it has gone). Without root only the monitor user's own
 * processes can be read; {@link #deniedProcesses()} says how many were not.
 */
final class ProcessOwners {

    static final long MIN_SCAN_NANOS = 1_000_000_000L;

    private final Path proc;
    private final Map<Long, SocketOwner> owners = new HashMap<>();
    private final Set<Long> unresolved = new HashSet<>();
    private final Set<Long> wanted = new HashSet<>();
    private long lastScan = Long.MIN_VALUE / 2;
    private int denied;
    private long scans;

    ProcessOwners(Path proc) {
        this.proc = proc;
    }

    /** The owner found for this inode, or null. */
    SocketOwner owner(long inode) {
        return owners.get(inode);
    }

    /** Remembers an inode to look for at the next {@link #resolve}, unless it is known or was not found before. */
    void want(long inode) {
        if (inode != 0 && !owners.containsKey(inode) && !unresolved.contains(inode)) {
            wanted.add(inode);
        }
    }

    /** Whether inodes wait for a scan and the last scan is long enough ago. */
    boolean due(long nowNanos) {
        return !wanted.isEmpty() && nowNanos - lastScan >= MIN_SCAN_NANOS;
    }

    /** Scans {@code /proc} for the wanted inodes. */
    void resolve(long nowNanos) {
        lastScan = nowNanos;
        scans++;
        int deniedNow = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcessOwners::isPid)) {
            for (Path pid : pids) {
                if (wanted.isEmpty()) {
                    break;
                }
                deniedNow += scan(pid) ? 0 : 1;
            }
        } catch (IOException e) {
            deniedNow++;
        }
        denied = deniedNow;
        unresolved.addAll(wanted);
        wanted.clear();
    }

    /** False when the process's descriptors may not be read. */
    private boolean scan(Path pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode != 0 && wanted.remove(inode)) {
                    owners.put(inode, new SocketOwner(Integer.parseInt(pid.getFileName().toString()), command(pid)));
                }
            }
            return true;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            return true; // the process ended during the scan
        }
    }

    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target, 8, target.length() - 1, 10);
            }
        } catch (IOException | NumberFormatException e) {
            // closed meanwhile, or not a socket
        }
        return 0;
    }

    private static String command(Path pid) {
        try {
            return new String(Files.readAllBytes(pid.resolve("comm")), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Forgets the inodes no longer in the table. */
    void retain(Set<Long> present) {
        owners.keySet().retainAll(present);
        unresolved.retainAll(present);
    }

    /** Processes whose descriptors the last scan could not read. */
    int deniedProcesses() {
        return denied;
    }

    long scans() {
        return scans;
    }
}
