package org.teleopmon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Reading;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;

/**
 * Benchmark, not part of {@code mvn verify} (its name does not end in IT): the time from the
 * capture timestamp of the command packet that made the ZMQ detector's view active to the
 * {@code teleoperation_started} event reaching a listener, over many simulated 30 Hz LeKiwi sessions
 * in the real distribution. Run: {@code benchmarks/run wire-to-event} (about 3 minutes; figures in
 * docs/benchmarks.md)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WireToEventBenchmark extends ZmqSessionSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void wireToEventLatency() throws Exception {
        int sessions = 100;
        ServiceRegistration<TeleopEventListener> registration = prepare();
        List<Long> micros = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                events.clear();
                execute("teleop:simulate --robot lekiwi --duration 400ms --command-port " + commandPort
                        + " --observation-port " + observationPort);
                TeleopEvent start = awaitEvent(EventType.TELEOPERATION_STARTED);
                Reading wire = start.state().metrics().values().stream().filter(r -> r.source().equals("zmq"))
                        .findFirst().orElseThrow(() -> new AssertionError("no zmq reading in " + start.state()));
                micros.add(Duration.between(wire.timestamp(), received.get()).toNanos() / 1000);
                awaitEvent(EventType.TELEOPERATION_STOPPED);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> execute("teleop:simulate --status").contains("finished"));
            }
        } finally {
            registration.unregister();
        }
        assertEquals(sessions, micros.size());
        Collections.sort(micros);
        String report = String.format("wire -> teleoperation_started over %d sessions (us): p50 %d, p95 %d, p99 %d, max %d%n",
                sessions, micros.get(sessions / 2), micros.get((int) Math.ceil(sessions * 0.95) - 1),
                micros.get((int) Math.ceil(sessions * 0.99) - 1), micros.get(sessions - 1));
        System.out.print(report);
        Path out = Path.of(System.getProperty("karaf.base"), "wire-to-event.txt");
        Files.writeString(out, report + micros + System.lineSeparator());
        assertTrue(Files.size(out) > 0);
    }
}
