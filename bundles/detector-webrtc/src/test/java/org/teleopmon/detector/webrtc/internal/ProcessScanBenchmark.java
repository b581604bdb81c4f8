package org.teleopmon.detector.webrtc.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Cost of one {@link ProcessScan#scan()}, as a main run by {@code benchmarks/run process-scan}:
 * the first scan (OSHI start-up included), then wall time, thread CPU time and allocation of each of
 * {@code args[0]} scans (default 50), while {@code args[1]} python3 processes (default 3) each hold
 * a UDP socket, so that the scan finds something.
 */
public final class ProcessScanBenchmark {

    private ProcessScanBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int pythons = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        java.util.List<Process> started = new java.util.ArrayList<>();
        for (int i = 0; i < pythons; i++) {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import socket, sys\n"
                    + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('127.0.0.1', 0))\n"
                    + "print('ready', flush=True)\nsys.stdin.read()\n").start();
            started.add(p);
            p.getInputStream().read();
        }
        try {
            measure(rounds);
        } finally {
            for (Process p : started) {
                p.destroy();
                p.waitFor();
            }
        }
    }

    private static void measure(int rounds) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ProcessScan scan = new ProcessScan(Set.of("chrome", "chromium", "firefox", "electron", "msedge", "python3"));
        long t0 = System.nanoTime();
        int found = scan.scan().size();
        System.out.printf("first scan: %.1f ms, %d processes found, problem '%s'%n",
                (System.nanoTime() - t0) / 1e6, found, scan.problem());
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        long allocated = 0;
        for (int i = 0; i < rounds; i++) {
            long a = mx.getCurrentThreadAllocatedBytes();
            long c = mx.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            scan.scan();
            wall[i] = (System.nanoTime() - w) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
            allocated += mx.getCurrentThreadAllocatedBytes() - a;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%d scans: wall median %.1f ms (min %.1f, max %.1f); CPU median %.1f ms; %.0f KB allocated per scan%n",
                rounds, wall[rounds / 2], wall[0], wall[rounds - 1], cpu[rounds / 2], allocated / 1024.0 / rounds);
        System.out.printf("machine: %d processes, %d open file descriptors in /proc/*/fd, %d UDP sockets%n",
                processes(), fds(), udpSockets());
    }

    private static long processes() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }

    private static long fds() throws IOException {
        long n = 0;
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) s.filter(q -> q.getFileName().toString().matches("\\d+"))::iterator) {
                try (Stream<Path> fd = Files.list(p.resolve("fd"))) {
                    n += fd.count();
                } catch (IOException | RuntimeException e) {
                    // the process ended or is not ours to read
                }
            }
        }
        return n;
    }

    private static long udpSockets() throws IOException {
        return Stream.of("/proc/net/udp", "/proc/net/udp6").map(Path::of).filter(Files::exists)
                .mapToLong(p -> {
                    try {
                        return Files.readAllLines(p).size() - 1;
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
    }
}
