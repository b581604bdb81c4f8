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
public class EngineZmqIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int COMMAND_PORT = freePort();
    private static final int OBSERVATION_PORT = freePort();
    private static final Duration SIMULATED = Duration.ofSeconds(3);

    @Inject
    BundleContext context;

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessions;

    @Inject
    TeleopMonitor monitor;

    @Inject
    org.osgi.service.cm.ConfigurationAdmin configAdmin;

    // The static ports are drawn again in the container's JVM: read back what the options wrote.
    private int commandPort;
    private int observationPort;

    private final List<TeleopEvent> events = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        String zmq = "etc/org.teleopmon.detector.zmq.cfg";
        return new Option[] {
            editConfigurationFilePut("etc/org.teleopmon.capture.cfg", "interfaces", "lo"),
            editConfigurationFilePut(zmq, "command.port", Integer.toString(COMMAND_PORT)),
            editConfigurationFilePut(zmq, "observation.port", Integer.toString(OBSERVATION_PORT)),
            editConfigurationFilePut(zmq, "extra.ports", ""),
            editConfigurationFilePut(zmq, "operators", "127.0.0.1=pax-operator"),
            // The session ends this long after the last command: keep it short so the duration is tight.
            editConfigurationFilePut(zmq, "silence.timeout.ms", "200"),
            editConfigurationFilePut("etc/org.teleopmon.engine.cfg", "hold.time", "0.5"),
        };
    }

    @Test
    public void simulatedSessionsAreStartedAndStoppedWithTheirOperatorAndDuration() throws Exception {
        java.util.Dictionary<String, Object> zmqConfig =
                configAdmin.getConfiguration("org.teleopmon.detector.zmq", null).getProperties();
        commandPort = Integer.parseInt(String.valueOf(zmqConfig.get("command.port")));
        observationPort = Integer.parseInt(String.valueOf(zmqConfig.get("observation.port")));
        // The simulator, capture and ZMQ detector come with the zmq branch: without them, nothing to drive.
        Assume.assumeTrue("teleop-simulator feature not in this distribution", hasFeature("teleop-simulator"));
        features.installFeature("teleop-simulator", EnumSet.noneOf(FeaturesService.Option.class));
        await().atMost(TIMEOUT).until(() -> execute("teleop:simulate --status").contains("simulation")
                && monitor.getDetectors().stream().anyMatch(d -> d.name().equals("zmq")));
        await().atMost(TIMEOUT).until(() -> capture() != null
                && capture().stats().filter().contains("port " + commandPort));
        ServiceRegistration<TeleopEventListener> registration = context.registerService(TeleopEventListener.class,
                e -> {
                    events.add(e);
                    if (e.type() == EventType.TELEOPERATION_STARTED) {
                        received.set(Instant.now());
                    }
                }, null);
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

    private final AtomicReference<Instant> received = new AtomicReference<>();

    /** Looked up, not injected: the capture bundle is not in every distribution this test boots. */
    private CaptureService capture() {
        var reference = context.getServiceReference(CaptureService.class);
        return reference == null ? null : context.getService(reference);
    }

    private boolean hasFeature(String name) {
        try {
            return features.getFeature(name) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> ids(List<Operator> operators) {
        return operators.stream().map(Operator::id).toList();
    }

    private TeleopEvent awaitEvent(EventType type) {
        AtomicReference<TeleopEvent> found = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            events.stream().filter(e -> e.type() == type).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    private String execute(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (Session session = sessions.create(System.in, print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.println(result);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
