package org.teleopmon.detector.input.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Prerequisite;

/**
 * The detector's cost at a 250 Hz gamepad plus a keyboard being typed on: the real detector (reader
 * thread on poll(2) through JNA, consumer-scan thread) on a fake root whose event nodes are FIFOs,
 * fed by {@code live/input_writer.py} in another process (so the writer's CPU is not counted).
 * After a warm-up, measures over a window the CPU time and the bytes allocated by the detector's
 * two threads (ThreadMXBean), and the records they read. Run with
 * {@code benchmarks/run input [warm-up-s] [measure-s] [pad-hz]}.
 */
public final class InputBenchmark {

    private InputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int hz = args.length > 2 ? Integer.parseInt(args[2]) : 250;
        Path root = Files.createTempDirectory("teleop-input-bench");
        FakeInputTree tree = new FakeInputTree(root);
        Path pad = tree.add("xbox-wireless-controller", 5, 0, null);
        Path keyboard = tree.add("usb-keyboard", 6, -1, null);
        Path prose = root.resolve("prose.txt");
        String text = new String(InputBenchmark.class.getResourceAsStream("/live/prose.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).strip();
        Files.writeString(prose, (text + " ").repeat(1 + (warmUp + measure) / 15));

        InputDetector detector = tree.startDetector();
        long[] pushes = new long[1];
        detector.listeners.add(signal -> pushes[0]++);
        while (detector.devices().stream().filter(r -> r.status().startsWith("reading")).count() < 2) {
            Thread.sleep(50);
        }
        // The engine polls every detector each detection.interval (0.1 s): that cost is the detector's too.
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                detector.detect();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-engine-poll");
        poller.setDaemon(true);
        poller.start();
        String script = Path.of(InputBenchmark.class.getResource("/live/input_writer.py").toURI()).toString();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ChildProcess writer = ChildProcess.start("input-writer", new ProcessBuilder(Prerequisite.PYTHON3, script,
                "pad:" + pad + ":" + hz + ":" + (warmUp + measure + 5), "type:" + keyboard + ":" + prose), null)) {
            Thread.sleep(warmUp * 1000L);
            long[] ids = {threadId("teleop-input-reader"), threadId("teleop-input-consumers")};
            long[] poll = {poller.getId()};
            long pollCpu0 = cpu(threads, poll);
            long pollAlloc0 = allocated(threads, poll);
            long wall0 = System.nanoTime();
            long cpu0 = cpu(threads, ids);
            long alloc0 = allocated(threads, ids);
            long records0 = records(detector);
            long groups0 = groups(detector);
            Thread.sleep(measure * 1000L);
            long wall = System.nanoTime() - wall0;
            long cpu = cpu(threads, ids) - cpu0;
            long alloc = allocated(threads, ids) - alloc0;
            long records = records(detector) - records0;
            long groups = groups(detector) - groups0;
            long pollCpu = cpu(threads, poll) - pollCpu0;
            long pollAlloc = allocated(threads, poll) - pollAlloc0;
            double share = 100.0 * cpu / wall;
            System.out.printf(Locale.ROOT, "input detector, pad at %d Hz + keyboard typing, %d s warm-up, %d s measured%n",
                    hz, warmUp, measure);
            System.out.printf(Locale.ROOT, "  records read        %d (%.0f/s), SYN groups with a change %d (%.0f/s)%n",
                    records, records / (wall / 1e9), groups, groups / (wall / 1e9));
            System.out.printf(Locale.ROOT, "  CPU (reader + consumer scan)  %.3f %% of one core, %.2f us per record%n",
                    share, records == 0 ? 0 : cpu / 1e3 / records);
            System.out.printf(Locale.ROOT, "  allocated           %d B, %.3f B per record%n", alloc,
                    records == 0 ? 0.0 : (double) alloc / records);
            double polls = wall / 1e8;
            System.out.printf(Locale.ROOT, "  engine polls (detect() at 10 Hz)  %.3f %% of one core, %.0f B per poll%n",
                    100.0 * pollCpu / wall, pollAlloc / polls);
            System.out.printf(Locale.ROOT, "  total               %.3f %% of one core%n", 100.0 * (cpu + pollCpu) / wall);
            System.out.printf(Locale.ROOT, "  driven now: %s, signals pushed %d%n", detector.detect().active(), pushes[0]);
            writer.terminate(java.time.Duration.ofSeconds(2));
        } finally {
            poller.interrupt();
            detector.deactivate();
            ChildProcess.deleteTree(root);
        }
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name)).getId();
    }

    private static long cpu(com.sun.management.ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    private static long records(InputDetector detector) {
        synchronized (detector.model()) {
            long sum = 0;
            for (Device d : detector.model().all()) {
                sum += d.records;
            }
            return sum;
        }
    }

    private static long groups(InputDetector detector) {
        synchronized (detector.model()) {
            long sum = 0;
            for (Device d : detector.model().all()) {
                sum += d.state.groups();
            }
            return sum;
        }
    }
}
