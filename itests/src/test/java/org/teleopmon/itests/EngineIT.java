package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;

/**
 * The engine in the real distribution, driven by the real sample heartbeat-file detector: a file
 * touched by the test is the teleoperation. Events reach a TeleopEventListener and EventAdmin; the
 * detector bundle stops and restarts mid-session; the teleop:* commands run through the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HEARTBEAT = "heartbeat-file";

    @Inject
    BundleContext context;

    @Inject
    TeleopMonitor monitor;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessionFactory;

    private final List<TeleopEvent> events = new CopyOnWriteArrayList<>();
    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService toucher = Executors.newSingleThreadScheduledExecutor();
    private ScheduledFuture<?> touching;
    private Path heartbeat;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Before
    public void setUp() throws Exception {
        if (!features.isInstalled(features.getFeature("teleop-sample-detector"))) {
            features.installFeature("teleop-sample-detector", EnumSet.noneOf(FeaturesService.Option.class));
        }
        heartbeat = Files.createTempFile("teleop-heartbeat", "");
        Files.writeString(heartbeat, "alice\n");
        Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.EPOCH));
        configure("org.teleopmon.detector.heartbeat", "path", heartbeat.toString(), "freshness", "0.5");
        // The sample's default weight 50 x confidence 80 fuses to 40: raise its weight so it counts alone.
        configure("org.teleopmon.engine", "detector.weights", "heartbeat-file=100", "hold.time", "1.0");
        await().atMost(TIMEOUT).until(() -> heartbeatStatus() != null && heartbeatStatus().weight() == 100
                && heartbeatStatus().health().isOk() && !heartbeatStatus().reason().contains("no heartbeat file"));
        await().atMost(TIMEOUT).until(() -> !monitor.getState().active());
        registrations.add(context.registerService(TeleopEventListener.class, events::add, null));
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, EventType.TOPIC_PREFIX + "*");
        registrations.add(context.registerService(EventHandler.class, posted::add, topics));
    }

    @After
    public void tearDown() throws Exception {
        stopTouching();
        toucher.shutdownNow();
        registrations.forEach(ServiceRegistration::unregister);
        Files.deleteIfExists(heartbeat);
    }

    @Test
    public void heartbeatDrivesOneSessionWithItsOperatorAndEventsReachListenersAndEventAdmin() throws Exception {
        Instant began = Instant.now();
        startTouching();
        TeleopEvent started = awaitEvent(EventType.TELEOPERATION_STARTED);
        assertEquals(List.of("alice"), started.session().operators().stream().map(o -> o.id()).toList());
        assertTrue(monitor.getState().active());
        assertEquals("alice", monitor.getState().operators().get(0).operator().id());
        assertEquals(80, monitor.getState().confidence());

        String status = execute("teleop:status");
        assertTrue(status, status.contains("ACTIVE (confidence 80/100)") && status.contains("alice"));
        String json = execute("teleop:status --json");
        // The state as GET /status shows it (docs/wire.md).
        assertTrue(json, json.contains("\"is_active\":true") && json.contains("\"id\":\"alice\"")
                && json.contains("\"confidence\":80"));

        Thread.sleep(1500); // a session of known length: the heartbeat keeps being touched meanwhile
        Instant lastTouch = stopTouching();
        TeleopEvent stopped = awaitEvent(EventType.TELEOPERATION_STOPPED);
        SessionRecord session = stopped.session();
        // The detector sees the heartbeat as alive for freshness (0.5 s) after the last touch.
        Duration expected = Duration.between(began, lastTouch).plusMillis(500);
        assertTrue(session + " vs " + expected,
                Math.abs(session.duration().toMillis() - expected.toMillis()) <= 500);
        assertFalse(monitor.getState().active());

        await().atMost(TIMEOUT).until(() -> posted.stream()
                .anyMatch(e -> e.getTopic().equals(EventType.TELEOPERATION_STOPPED.topic())
                        && session.id().equals(e.getProperty("session.id"))));
        assertTrue(posted.stream().anyMatch(e -> e.getTopic().equals(EventType.OPERATOR_CONNECTED.topic())
                && "alice".equals(e.getProperty("operator.id"))));
        String sessions = execute("teleop:sessions --no-format");
        assertTrue(sessions, sessions.contains(session.id()) && sessions.contains("alice"));
        assertTrue(monitor.getStats().perDetector().get(HEARTBEAT) > 0);
    }

    @Test
    public void detectorBundleStoppedMidSessionShowsAsGoneEndsTheSessionAndComesBack() throws Exception {
        startTouching();
        awaitEvent(EventType.TELEOPERATION_STARTED);
        Bundle sample = Arrays.stream(context.getBundles())
                .filter(b -> "org.teleopmon.sample-detector".equals(b.getSymbolicName())).findFirst().orElseThrow();

        sample.stop();
        assertEquals(Health.Status.TEMPORARILY_UNAVAILABLE, heartbeatStatus().health().status());
        assertEquals(0, monitor.getState().confidence());
        assertTrue("the session holds for hold.time", monitor.getState().active());
        awaitEvent(EventType.TELEOPERATION_STOPPED);
        String detectors = execute("teleop:detectors --no-format heartbeat-file");
        assertTrue(detectors, detectors.contains("TEMPORARILY_UNAVAILABLE"));

        events.clear();
        sample.start();
        awaitEvent(EventType.TELEOPERATION_STARTED);
        assertTrue(heartbeatStatus().health().isOk());
        assertEquals(2, monitor.getSessions().stream().filter(s -> s.operators().stream()
                .anyMatch(o -> o.id().equals("alice"))).limit(2).count());
    }

    @Test
    public void throwingDetectorAndThrowingListenerAreIsolated() throws Exception {
        registrations.add(context.registerService(TeleopEventListener.class, e -> {
            throw new IllegalStateException("a broken listener");
        }, null));
        Hashtable<String, Object> weight = new Hashtable<>();
        weight.put(Detector.WEIGHT_PROPERTY, 100);
        registrations.add(context.registerService(Detector.class, new Detector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public DetectorSignal detect() {
                throw new IllegalStateException("broken on purpose");
            }
        }, weight));

        await().atMost(TIMEOUT).until(() -> status("broken") != null
                && status("broken").health().status() == Health.Status.HEALTH_CHECK_ERROR);
        assertTrue(status("broken").health().message().contains("broken on purpose"));
        startTouching();
        awaitEvent(EventType.TELEOPERATION_STARTED);
        String detectors = execute("teleop:detectors --no-format");
        assertTrue(detectors, detectors.contains("broken") && detectors.contains("HEALTH_CHECK_ERROR"));
    }

    @Test
    public void watchPrintsEventsLiveAndCleansUpWhenInterrupted() throws Exception {
        int listenersBefore = context.getServiceReferences(TeleopEventListener.class, null).size();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            try {
                session.execute("teleop:watch --no-updates");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        watcher.start();
        await().atMost(TIMEOUT).until(() -> context.getServiceReferences(TeleopEventListener.class, null).size()
                == listenersBefore + 1);

        startTouching();
        await().atMost(TIMEOUT).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("teleoperation_started"));
        watcher.interrupt();
        watcher.join(TIMEOUT.toMillis());
        session.close();

        assertFalse(watcher.isAlive());
        // The session reports the interruption to its caller, as the console does for Ctrl-C.
        assertTrue(String.valueOf(failure.get()), failure.get() == null || failure.get() instanceof InterruptedException);
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(output, output.contains("operator_connected operator=alice"));
        assertFalse(output, output.contains("state_update"));
        await().atMost(TIMEOUT).until(() -> context.getServiceReferences(TeleopEventListener.class, null).size()
                == listenersBefore);
    }

    private TeleopEvent awaitEvent(EventType type) {
        AtomicReference<TeleopEvent> found = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            events.stream().filter(e -> e.type() == type).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    private void startTouching() {
        touching = toucher.scheduleAtFixedRate(() -> {
            try {
                Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.now()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    private Instant stopTouching() throws Exception {
        if (touching != null) {
            touching.cancel(false);
            touching = null;
        }
        return Files.getLastModifiedTime(heartbeat).toInstant();
    }

    private DetectorStatus heartbeatStatus() {
        return status(HEARTBEAT);
    }

    private DetectorStatus status(String name) {
        return monitor.getDetectors().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    private String execute(String command) throws Exception {
        return executeCommand(sessionFactory, command);
    }

    private void configure(String pid, String... keyValues) throws Exception {
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = cfg.getProperties() == null ? new Hashtable<>() : cfg.getProperties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        cfg.update(props);
    }
}
