package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Operator;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.capture.CaptureService;

/**
 * End to end on the real distribution: the simulator's LeKiwi operator and robot talk JeroMQ over
 * {@code lo}, the capture bundle sniffs it, the ZMQ detector pushes its view and the engine
 * publishes teleoperation_started / _stopped with the session's operator and duration. Needs root
 * or CAP_NET_RAW, as CI runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineZmqIT extends ZmqSessionSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void simulatedSessionsAreStartedAndStoppedWithTheirOperatorAndDuration() throws Exception {
        ServiceRegistration<TeleopEventListener> registration = prepare();
        List<Long> wireToEventMicros = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                events.clear();
                String started = execute("teleop:simulate --robot lekiwi --duration " + SIMULATED.toMillis()
                        + "ms --command-port " + commandPort + " --observation-port " + observationPort);
                assertTrue(started, started.contains("simulating lekiwi"));

                TeleopEvent start = awaitEvent(EventType.TELEOPERATION_STARTED);
                assertEquals(List.of("127.0.0.1"), ids(start.session().operators()));
                Reading wire = start.state().metrics().values().stream().filter(r -> r.source().equals("zmq"))
                        .findFirst().orElse(null);
                if (wire != null) {
                    wireToEventMicros.add(Duration.between(wire.timestamp(), received.get()).toNanos() / 1000);
                }

                SessionRecord session = awaitEvent(EventType.TELEOPERATION_STOPPED).session();
                assertEquals(List.of("pax-operator"), session.operators().stream().map(Operator::name).toList());
                assertEquals("lekiwi", session.robotType());
                assertTrue(session + " lasted " + session.duration(),
                        Math.abs(session.duration().minus(SIMULATED).toMillis()) <= 500);
                assertTrue(session.summary().get("command_rate_hz").mean() > 20);
                await().atMost(TIMEOUT).until(() -> execute("teleop:simulate --status").contains("finished"));
            }
        } finally {
            registration.unregister();
        }
        assertEquals(3, monitor.getSessions().stream().filter(s -> !s.isOpen()).count());
        // Informational: capture time of the packet that made the ZMQ view active -> listener.
        System.out.println("EngineZmqIT wire -> teleoperation_started (us): " + wireToEventMicros);
    }
}
