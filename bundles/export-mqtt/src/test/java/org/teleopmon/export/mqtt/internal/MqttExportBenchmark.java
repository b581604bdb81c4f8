package org.teleopmon.export.mqtt.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.teleopmon.api.EventType;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.RobotIdentity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Mosquitto;

/**
 * {@code benchmarks/run mqtt-export [events] [runs]}: the export's cost per event against a real
 * Mosquitto on loopback (wall time from offer to the broker's PUBACK, the export thread's CPU, payload
 * bytes), and the disk queue's write (fsync each) and replay rates. Prints one line per run.
 */
public final class MqttExportBenchmark {

    private MqttExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("mqtt-bench");
        RobotIdentity robot = new RobotIdentity() {
            @Override
            public String robotId() {
                return "bench";
            }

            @Override
            public String site() {
                return "lab";
            }
        };
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).user("robot", "robot-pw", "topic readwrite teleop/#")
                .start()) {
            for (int run = 1; run <= runs; run++) {
                publish(broker, robot, dir.resolve("queue-" + run), events, run);
                queue(dir.resolve("disk-" + run), events, run);
            }
        } finally {
            ChildProcess.deleteTree(dir);
        }
    }

    private static void publish(Mosquitto broker, RobotIdentity robot, Path queueDir, int count, int run)
            throws Exception {
        Settings settings = new Settings(true, "tcp://127.0.0.1:" + broker.port(), "", "robot",
                "robot-pw".toCharArray(), "", "", new char[0], "teleop", Set.of(EventType.values()),
                Duration.ofSeconds(1), 64L << 20, queueDir, 30, Duration.ofSeconds(2), Duration.ofSeconds(10));
        List<TeleopEvent> events = new ArrayList<>();
        TeleopState state = TeleopState.idle("lekiwi", Instant.now());
        for (int i = 0; i < count; i++) {
            Operator operator = new Operator("10.0.0." + (i % 250), "op" + i, IdentitySource.NETWORK_PEER, "");
            events.add(TeleopEvent.operator(i % 2 == 0 ? EventType.OPERATOR_CONNECTED : EventType.OPERATOR_DISCONNECTED,
                    state, new OperatorInfo(operator, state.timestamp(), state.timestamp(), Set.of("zmq"))));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (MqttExport export = new MqttExport(settings, robot, Optional::empty).start()) {
            while (!export.health().isOk()) {
                Thread.sleep(10);
            }
            long startPublished = export.published();
            long startBytes = export.publishedBytes();
            long cpuBefore = exportThreadCpu(threads);
            long t0 = System.nanoTime();
            events.forEach(export::offer);
            while (export.published() - startPublished < count) {
                Thread.sleep(1);
            }
            long wall = System.nanoTime() - t0;
            long cpu = exportThreadCpu(threads) - cpuBefore;
            long bytes = export.publishedBytes() - startBytes;
            System.out.printf(Locale.ROOT, "run %d publish: %d events QoS 1 in order, %.1f µs/event wall (%.0f events/s), "
                    + "%.1f µs/event export-thread CPU, %d B/event payload%n", run, count, wall / 1e3 / count,
                    count / (wall / 1e9), cpu / 1e3 / count, bytes / count);
        }
    }

    private static long exportThreadCpu(ThreadMXBean threads) {
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().equals("teleop-export-mqtt")) {
                return threads.getThreadCpuTime(id);
            }
        }
        return 0;
    }

    private static void queue(Path dir, int count, int run) throws Exception {
        byte[] payload = new byte[1200];
        try (DiskQueue queue = new DiskQueue(dir, 64L << 20)) {
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                queue.append(i, "teleop/lab/bench/operator_connected", payload);
            }
            long write = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            for (Optional<DiskQueue.Entry> head = queue.peek(); head.isPresent(); head = queue.peek()) {
                queue.remove(head.get());
            }
            long replay = System.nanoTime() - t1;
            System.out.printf(Locale.ROOT, "run %d disk queue: %d records of %d B, write %.0f records/s (fsync each), "
                    + "replay %.0f records/s%n", run, count, payload.length, count / (write / 1e9),
                    count / (replay / 1e9));
        }
    }
}
