package org.teleopmon.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port, free for TCP and UDP on every address now, for a server a test starts later (a robot host, a
 * distribution's HTTP port). It is chosen below the kernel's ephemeral range, never by binding port 0:
 * a port from that range is handed to outgoing connections in the meantime, and the TIME_WAIT such a
 * connection leaves refuses the later bind for a minute. A test that polls HTTP makes thousands of
 * those, and CI lost a run to one (a LeKiwi host's bind failing mid-test).
 */
public final class FreePort {

    /** Below the robots' and tools' own ports (5555, 8000, 8442, 8765, 9090...). */
    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A port no other call in this JVM returned, bindable now on the wildcard address for TCP and UDP. */
    public static int next() {
        int[] range = range();
        int size = range[1] - range[0] + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = range[0] + (start + i) % size;
            if (!GIVEN.contains(port) && bindable(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + range[0] + "-" + range[1]);
    }

    /** Ports outside the ephemeral range: below it when there is room, else above it. */
    private static int[] range() {
        int low = 32_768;
        int high = 60_999;
        try {
            String[] bounds = Files.readString(EPHEMERAL).trim().split("\\s+");
            low = Integer.parseInt(bounds[0]);
            high = Integer.parseInt(bounds[1]);
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unreadable /proc: Linux's default range.
        }
        if (low - LOWEST >= 1_000) {
            return new int[] {LOWEST, low - 1};
        }
        if (65_535 - high >= 1_000) {
            return new int[] {high + 1, 65_535};
        }
        return new int[] {1_024, low - 1};
    }

    private static boolean bindable(int port) {
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.setReuseAddress(false); // any socket on the port, even in TIME_WAIT, makes it unfit
            tcp.bind(new InetSocketAddress(port), 1);
            udp.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
