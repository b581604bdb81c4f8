package org.teleopmon.shm.reader.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.teleopmon.shm.reader.RingLayout;
import org.teleopmon.shm.reader.RingReader;
import org.teleopmon.shm.reader.SharedMemoryManager;
import org.teleopmon.shm.reader.ShmLayoutException;
import org.teleopmon.shm.reader.ShmOperator;
import org.teleopmon.shm.reader.ShmState;
import org.teleopmon.shm.reader.WriterStatus;

/**
 * {@code java -cp teleopmon-shm-reader.jar:agrona.jar org.teleopmon.shm.reader.cli.ShmCli
 * [--dir D] [--namespace N] state|ring}: prints the state as {@code key=value} words, or the ring's
 * newest records. Exit 0 when the writer is live, 3 when it is not, 2 when there is nothing to read.
 */
public final class ShmCli {

    private ShmCli() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("/dev/shm");
        String namespace = System.getenv().getOrDefault("SHM_NAMESPACE", "teleoperation");
        String command = "state";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--namespace" -> namespace = args[++i];
                default -> command = args[i];
            }
        }
        try (SharedMemoryManager shm = new SharedMemoryManager(namespace, dir)) {
            if (command.equals("ring")) {
                try (RingReader ring = shm.openRing()) {
                    ring.poll((type, seq, ts, buffer, offset, length) -> System.out.println(RingLayout.typeName(type)
                            + " seq=" + seq + " ts=" + ts + " " + buffer.getStringWithoutLengthUtf8(offset, length)), 1000);
                    System.exit(ring.writerStatus() == WriterStatus.LIVE ? 0 : 3);
                }
            }
            shm.initialize(false);
            ShmState s = shm.readState();
            WriterStatus status = shm.writerStatus();
            System.out.println("active=" + s.active() + " confidence=" + s.confidence() + " operators="
                    + s.operators().stream().map(ShmOperator::name).collect(Collectors.joining(",")) + " start_ms="
                    + s.startTimeMs() + " duration_ms=" + s.durationMs() + " latency_ms=" + s.metrics().latencyMs()
                    + " fps=" + s.metrics().fps() + " update_counter=" + s.updateCounter() + " timestamp_ms="
                    + s.timestampMs() + " writer=" + status);
            System.exit(status == WriterStatus.LIVE ? 0 : 3);
        } catch (NoSuchFileException | ShmLayoutException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
