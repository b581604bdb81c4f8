package org.teleopmon.export.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** For {@link DiskQueueKillTest}: appends events until killed, printing each seq once it is on disk. */
public final class QueueWriter {

    private QueueWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (DiskQueue queue = new DiskQueue(Path.of(args[0]), 1 << 20)) {
            for (long seq = 1; ; seq++) {
                queue.append(seq, "teleop/lab/kiwi/operator_connected",
                        ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8));
                System.out.println(seq);
                System.out.flush();
            }
        }
    }
}
