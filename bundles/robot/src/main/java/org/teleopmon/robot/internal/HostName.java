package org.teleopmon.robot.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's host name; the JDK's lookup only as a fallback, since it may wait on DNS. */
final class HostName {

    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    static String read() {
        try {
            return Files.readString(KERNEL, StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                return "robot";
            }
        }
    }
}
