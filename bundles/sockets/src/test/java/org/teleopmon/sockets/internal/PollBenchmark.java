package org.teleopmon.sockets.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;

/**
 * The cost of one socket-table poll (netlink request, kernel-filtered reply, decode, owners, change
 * detection, delivery to one listener) with 10 and 1,000 established loopback connections to the watched
 * port (the table holds both ends of each: 20 and 2,000 sockets), as CPU microseconds and bytes allocated on
 * the polling thread, and of a session's reading by lookups of the sockets already known; then the poll
 * thread's CPU share of one core while it runs on its own at 1 s, at 100 ms with full readings, and in a session
 * (100 ms, lookups between full readings every 1 s). Run: {@code benchmarks/run sockets-poll [CONNECTIONS...]} (figures in docs/benchmarks.md).
 */
public final class PollBenchmark {

    private static final int WARMUP = 300;
    private static final int POLLS = 2_000;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10, 1_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int connections : sizes) {
            run(connections);
        }
    }

    private static void run(int connections) throws Exception {
        List<Socket> open = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, connections + 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < connections; i++) {
                open.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                open.add(server.accept());
            }
            SocketListener listener = new Counting(SocketInterest.tcp(Set.of(server.getLocalPort())));
            Sockets sockets = new Sockets(SocketSettings.DEFAULTS, Clock.systemUTC());
            sockets.add(listener);
            for (int i = 0; i < WARMUP; i++) {
                sockets.poll();
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes0 = threads.getThreadAllocatedBytes(thread);
            long wall0 = System.nanoTime();
            for (int i = 0; i < POLLS; i++) {
                sockets.poll();
            }
            double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / POLLS;
            double wallMicros = (System.nanoTime() - wall0) / 1e3 / POLLS;
            long bytes = (threads.getThreadAllocatedBytes(thread) - bytes0) / POLLS;
            int seen = sockets.snapshot().sockets().size();
            System.out.printf("%,d connections (%,d sockets in the table's reply): %.1f us CPU, %.1f us wall, %,d bytes "
                    + "allocated per poll%n", connections, seen, cpuMicros, wallMicros, bytes);
            cpu0 = threads.getCurrentThreadCpuTime();
            bytes0 = threads.getThreadAllocatedBytes(thread);
            wall0 = System.nanoTime();
            for (int i = 0; i < POLLS; i++) {
                sockets.refreshKnown();
            }
            System.out.printf("  a session's reading between full ones (lookups up to " + Sockets.MAX_LOOKUPS
                    + " connected sockets, else full): %.1f us CPU, %.1f us wall, %,d bytes "
                    + "allocated%n", (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / POLLS,
                    (System.nanoTime() - wall0) / 1e3 / POLLS, (threads.getThreadAllocatedBytes(thread) - bytes0) / POLLS);
            sockets.close();

            for (int mode = 0; mode < 3; mode++) {
                // 1 s idle; every reading a full one at 100 ms (before lookups); a session: 100 ms, lookups
                Sockets running = mode == 1 ? Sockets.open(Duration.ofMillis(100))
                        : Sockets.open(Duration.ofSeconds(1), Duration.ofMillis(100));
                running.session(mode == 2);
                running.add(listener);
                Thread.sleep(1_000);
                long id = pollThread();
                long before = threads.getThreadCpuTime(id);
                long t0 = System.nanoTime();
                Thread.sleep(10_000);
                double share = 100.0 * (threads.getThreadCpuTime(id) - before) / (System.nanoTime() - t0);
                System.out.printf("  poll thread %s: %.3f %% of one core over 10 s%n", List.of("at 1 s",
                        "at 100 ms, full readings", "in a session (100 ms: lookups, a full reading every 1 s)").get(mode),
                        share);
                running.close();
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static long pollThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("teleop-sockets"))
                .findFirst().orElseThrow().getId();
    }

    /** A listener that only looks at what it is handed, as a detector's cheapest use. */
    private record Counting(SocketInterest interest) implements SocketListener {
        @Override
        public void onSockets(SocketSnapshot snapshot) {
            snapshot.sockets().size();
        }
    }
}
