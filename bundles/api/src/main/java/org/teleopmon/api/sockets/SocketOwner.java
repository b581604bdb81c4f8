package org.teleopmon.api.sockets;

import java.util.Objects;

/**
 * A process that holds a socket open, found by the socket's inode among the process's file descriptors
 * ({@code /proc/<pid>/fd}). Only processes the monitor may inspect are found: its own user's, or every
 * process when it runs as root; a socket shared by several processes names one of them.
 *
 * @param pid     the process id
 * @param command the process's command name ({@code /proc/<pid>/comm}, at most 15 characters), or empty
 */
public record SocketOwner(int pid, String command) {

    public SocketOwner {
        command = Objects.requireNonNullElse(command, "");
    }
}
