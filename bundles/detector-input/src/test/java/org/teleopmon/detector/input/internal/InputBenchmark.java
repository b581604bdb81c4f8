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
        Window.threads = new long[] {threadId("teleop-input-reader"), threadId("teleop-input-consumers"), poller.getId()};
        try (ChildProcess writer = ChildProcess.start("input-writer", new ProcessBuilder(Prerequisite.PYTHON3, script,
                "pad:" + pad + ":" + hz + ":" + (warmUp + measure), "type:" + keyboard + ":" + prose), null)) {
            Thread.sleep(warmUp * 1000L);
            Window busy = Window.measure(detector, measure);
            writer.terminate(java.time.Duration.ofSeconds(2));
            // The same detector, warm, its devices connected and nobody using them: the costs that do
            // not come from events (the 10 s sysfs rescan, ageing, the engine's polls).
            Thread.sleep(3000);
            Window idle = Window.measure(detector, measure);
            System.out.printf(Locale.ROOT, "input detector, pad at %d Hz + keyboard typing, %d s warm-up, %d s measured;"
                    + " then %d s with nobody using the devices%n", hz, warmUp, measure, measure);
            System.out.printf(Locale.ROOT, "  records read        %d (%.0f/s), SYN groups with a change %d (%.0f/s)%n",
                    busy.records, busy.records / busy.seconds(), busy.groups, busy.groups / busy.seconds());
            System.out.printf(Locale.ROOT, "  reader wake-ups     busy %.0f/s, idle %.1f/s%n", busy.wakeUps / busy.seconds(),
                    idle.wakeUps / idle.seconds());
            String[] names = {"reader thread", "consumer scans", "engine polls (detect() at 10 Hz)"};
            for (int i = 0; i < 3; i++) {
                System.out.printf(Locale.ROOT, "  %-34s busy %.3f %% of one core, %d B allocated; idle %.3f %%, %d B%n",
                        names[i], busy.share(i), busy.alloc[i], idle.share(i), idle.alloc[i]);
            }
            long extraCpu = busy.cpu[0] - idle.cpu[0];
            long extraAlloc = busy.alloc[0] - idle.alloc[0];
            System.out.printf(Locale.ROOT, "  events' own cost (reader, busy - idle)  %.3f %% of one core, %.2f us CPU"
                    + " and %.3f B allocated per record%n", busy.share(0) - idle.share(0),
                    busy.records == 0 ? 0 : extraCpu / 1e3 / busy.records,
                    busy.records == 0 ? 0.0 : (double) extraAlloc / busy.records);
            System.out.printf(Locale.ROOT, "  total               busy %.3f %% of one core, idle %.3f %%%n",
                    busy.share(0) + busy.share(1) + busy.share(2), idle.share(0) + idle.share(1) + idle.share(2));
            System.out.printf(Locale.ROOT, "  signals pushed %d%n", pushes[0]);
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

    /** CPU time and allocation of the detector's threads, and the records it read, over a window. */
    private static final class Window {
        static long[] threads;
        private static final com.sun.management.ThreadMXBean MX =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long[] cpu = new long[3];
        final long[] alloc = new long[3];
        long wall;
        long wakeUps;
        long records;
        long groups;

        static Window measure(InputDetector detector, int seconds) throws InterruptedException {
            Window w = new Window();
            for (int i = 0; i < 3; i++) {
                w.cpu[i] = -MX.getThreadCpuTime(threads[i]);
                w.alloc[i] = -MX.getThreadAllocatedBytes(threads[i]);
            }
            w.records = -records(detector);
            w.groups = -groups(detector);
            w.wakeUps = -readerSwitches();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            w.wall = System.nanoTime() - start;
            for (int i = 0; i < 3; i++) {
                w.cpu[i] += MX.getThreadCpuTime(threads[i]);
                w.alloc[i] += MX.getThreadAllocatedBytes(threads[i]);
            }
            w.records += records(detector);
            w.groups += groups(detector);
            w.wakeUps += readerSwitches();
            return w;
        }

        /** The reader thread's voluntary context switches (each a sleep in poll or park, then a wake-up). */
        static long readerSwitches() {
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    if (Files.readString(task.resolve("comm")).strip().equals("teleop-input-re")) {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                return 0;
            }
            return 0;
        }

        double seconds() {
            return wall / 1e9;
        }

        double share(int thread) {
            return 100.0 * cpu[thread] / wall;
        }
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
