package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
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
import org.teleopmon.testsupport.FreePort;

/**
 * Boots the real distribution with capture, the ZMQ detector on random ports, the engine and the
 * simulator, and records the engine's events: the base of the ZMQ end-to-end test and benchmark.
 */
public abstract class ZmqSessionSupport extends TeleopTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int COMMAND_PORT = FreePort.next();
    private static final int OBSERVATION_PORT = FreePort.next();
    static final Duration SIMULATED = Duration.ofSeconds(3);

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
    int commandPort;
    int observationPort;

    final List<TeleopEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(zmqOnLoopback(COMMAND_PORT, OBSERVATION_PORT, 0.2));
        // The session ends this long after the last command: keep it short so the duration is tight.
        options.add(editConfigurationFilePut("etc/org.teleopmon.engine.cfg", "hold.time", "0.5"));
        options.add(editConfigurationFilePut("etc/org.teleopmon.capture.cfg", "enabled", Boolean.toString(captures())));
        return options.toArray(new Option[0]);
    }

    final AtomicReference<Instant> received = new AtomicReference<>();

    /** Simulator installed, capture filtering the configured ports, a listener recording events. */
    ServiceRegistration<TeleopEventListener> prepare() throws Exception {
        commandPort = configuredZmqPort(configAdmin, "command.port");
        observationPort = configuredZmqPort(configAdmin, "observation.port");
        // The simulator, capture and ZMQ detector come with the zmq branch: without them, nothing to drive.
        Assume.assumeTrue("teleop-simulator feature not in this distribution", hasFeature("teleop-simulator"));
        features.installFeature("teleop-simulator", EnumSet.noneOf(FeaturesService.Option.class));
        await().atMost(TIMEOUT).until(() -> execute("teleop:simulate --status").contains("simulation")
                && monitor.getDetectors().stream().anyMatch(d -> d.name().equals("zmq")));
        if (captures()) {
            await().atMost(TIMEOUT).until(() -> capture() != null
                    && capture().stats().filter().contains("port " + commandPort));
        }
        return context.registerService(TeleopEventListener.class, e -> {
            events.add(e);
            if (e.type() == EventType.TELEOPERATION_STARTED) {
                received.set(Instant.now());
            }
        }, null);
    }

    /** Whether this test's distribution captures packets (else the ZMQ detector reads the socket table). */
    boolean captures() {
        return true;
    }

    /** Looked up, not injected: the capture bundle is not in every distribution this test boots. */
    CaptureService capture() {
        var reference = context.getServiceReference(CaptureService.class);
        return reference == null ? null : context.getService(reference);
    }

    boolean hasFeature(String name) {
        try {
            return features.getFeature(name) != null;
        } catch (Exception e) {
            return false;
        }
    }

    static List<String> ids(List<Operator> operators) {
        return operators.stream().map(Operator::id).toList();
    }

    TeleopEvent awaitEvent(EventType type) {
        AtomicReference<TeleopEvent> found = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            events.stream().filter(e -> e.type() == type).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    String execute(String command) throws Exception {
        return executeCommand(sessions, command);
    }
}
