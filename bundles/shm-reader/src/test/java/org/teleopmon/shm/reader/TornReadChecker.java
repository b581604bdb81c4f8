package org.teleopmon.shm.reader;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The second process of the concurrency test: reads R records and checks each is whole. */
public final class TornReadChecker {

    private TornReadChecker() {
    }

    public static void main(String[] args) throws Exception {
        int reads = Integer.parseInt(args[1]);
        Set<Long> counters = new HashSet<>();
        try (StateReader reader = StateReader.attach(Path.of(args[0]))) {
            for (int i = 0; i < reads; i++) {
                ShmState state = reader.read();
                String torn = TestStates.tornness(state);
                if (torn != null) {
                    System.out.println("TORN " + torn);
                    System.exit(1);
                }
                counters.add(state.updateCounter());
            }
            System.out.println("reads=" + reads + " distinct=" + counters.size() + " retries=" + reader.retries());
        }
    }
}
