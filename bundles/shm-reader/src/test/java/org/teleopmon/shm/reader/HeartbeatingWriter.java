package org.teleopmon.shm.reader;

import java.nio.file.Path;
import java.time.Duration;

/** A writer process for the crash test: publishes, heartbeats, and runs until killed. */
public final class HeartbeatingWriter {

    private HeartbeatingWriter() {
    }

    public static void main(String[] args) throws Exception {
        StateWriter writer = StateWriter.create(Path.of(args[0]), 2, Duration.ofMillis(50), StateRegionTest.OWNER);
        writer.publish(TestStates.of(5));
        System.out.println("ready");
        System.out.flush();
        while (true) {
            writer.heartbeat();
            Thread.sleep(50);
        }
    }
}
