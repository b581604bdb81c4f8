package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertCheck;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EventType;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.MetricSummary;
import org.teleopmon.api.MetricsCollector;
import org.teleopmon.api.Severity;
import org.teleopmon.api.SignalListener;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;

/**
 * Metrics and alerts in the real distribution with the real engine: a test detector reports a
 * teleoperation session whose command rate drops to 3 Hz and recovers; the low command rate
 * alert fires within its configured {@code for} duration and resolves after the recovery.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    MetricsCollector metrics;

    @Inject
    AlertService alertService;

    @Inject
    SessionFactory sessions;

    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @After
    public void cleanUp() {
        pusher.shutdownNow();
        registrations.forEach(ServiceRegistration::unregister);
    }

    /** Reports an active session at 95 % with the command rate it is told, ten times a second. */
    private final class CommandRateDetector implements Detector {
        volatile double rateHz = 30;

        @Override
        public String name() {
            return "it-command-rate";
        }

        @Override
        public DetectorSignal detect() {
            return DetectorSignal.builder(name()).timestamp(Instant.now()).active(true).confidence(95)
                    .measurement(Measurements.COMMAND_RATE_HZ, rateHz).robotType("lekiwi")
                    .reason("integration test").build();
        }

        void push() {
            DetectorSignal signal = detect();
            for (SignalListener listener : services(SignalListener.class)) {
                listener.signalChanged(signal);
            }
        }
    }

    @Test
    public void aDegradedCommandRateRaisesCommandRateWarningWithinItsForDurationAndClearsAfterRecovery()
            throws Exception {
        assertTrue("the feature ships its configuration",
                Files.exists(Path.of(System.getProperty("karaf.etc"), "org.teleopmon.metrics.cfg")));
        List<TeleopEvent> events = new CopyOnWriteArrayList<>();
        register(TeleopEventListener.class, events::add, Map.of());
        CommandRateDetector detector = new CommandRateDetector();
        register(Detector.class, detector, Map.of(Detector.WEIGHT_PROPERTY, 100));
        pusher.scheduleAtFixedRate(detector::push, 0, 100, TimeUnit.MILLISECONDS);
        TeleopMonitor monitor = await("the engine").atMost(TIMEOUT)
                .until(() -> services(TeleopMonitor.class).stream().findFirst().orElse(null), Objects::nonNull);

        await().atMost(TIMEOUT).until(() -> monitor.getState().active()
                && count(Measurements.COMMAND_RATE_HZ) >= 3);
        assertTrue("no alert while healthy: " + events, alerts(events, EventType.COMMAND_RATE_WARNING).isEmpty());

        detector.rateHz = 3;
        Instant degraded = Instant.now();
        await().atMost(TIMEOUT).until(() -> !alerts(events, EventType.COMMAND_RATE_WARNING).isEmpty());
        Alert warning = alerts(events, EventType.COMMAND_RATE_WARNING).get(0);
        Duration took = Duration.between(degraded, warning.timestamp());
        assertEquals("low_command_rate", warning.rule());
        assertEquals(3.0, warning.value(), 0.0);
        // The first degraded sample may be stamped by the pusher a moment before 'degraded' is read,
        // and the rule's clock runs on sample times: allow 100 ms for that.
        assertTrue("held for the 2 s 'for' duration first, took " + took, took.compareTo(Duration.ofMillis(1900)) >= 0);
        assertTrue("raised within 'for' + two evaluation ticks + engine slack, took " + took,
                took.compareTo(Duration.ofSeconds(5)) <= 0);
        assertTrue(run("teleop:alerts --no-format").contains("low_command_rate"));

        detector.rateHz = 30;
        await().atMost(TIMEOUT).until(() -> alerts(events, EventType.ALERT_RESOLVED).stream()
                .anyMatch(a -> a.rule().equals("low_command_rate")));
        assertEquals("one warning on entry, no repeats", 1, alerts(events, EventType.COMMAND_RATE_WARNING).size());
        List<EventType> history = alertService.history(500).stream().filter(a -> a.rule().equals("low_command_rate"))
                .map(Alert::eventType).toList();
        assertEquals("the one history, newest first", List.of(EventType.ALERT_RESOLVED, EventType.COMMAND_RATE_WARNING),
                history);
        assertTrue(alertService.active().stream().noneMatch(a -> a.rule().equals("low_command_rate")));

        String json = run("teleop:metrics --json command_rate");
        assertTrue(json, json.startsWith("[{\"name\":\"command_rate_hz\""));
        assertTrue(run("teleop:metrics --no-format").contains("monitor_heap_used_bytes"));
        assertTrue(run("teleop:alert-silence low_command_rate --for 1m").contains("Silenced low_command_rate until"));
        assertTrue(run("teleop:alerts --no-format").contains("Silenced:"));
        assertEquals(List.of("low_command_rate"), alertService.silences().stream().map(s -> s.rule()).toList());
        assertTrue(run("teleop:alert-unsilence low_command_rate").contains("Lifted the silence of low_command_rate"));
        assertTrue(alertService.silences().isEmpty());
        assertTrue(run("teleop:alert-silence no_such_rule").contains("Unknown rule 'no_such_rule'"));
    }

    @Test
    public void aThrowingAlertCheckIsReportedInHealthWhileOthersFire() throws Exception {
        register(AlertCheck.class, new AlertCheck() {
            @Override
            public String name() {
                return "it_broken";
            }

            @Override
            public Result check(MetricsCollector m, TeleopState s) {
                throw new IllegalStateException("broken on purpose");
            }
        }, Map.of());
        List<TeleopEvent> told = new CopyOnWriteArrayList<>();
        register(TeleopEventListener.class, told::add, Map.of());
        metrics.addAlertCheck(new AlertCheck() {
            @Override
            public String name() {
                return "it_always";
            }

            @Override
            public Result check(MetricsCollector m, TeleopState s) {
                return Result.firing(Severity.INFO, 1, "always");
            }
        });
        await().atMost(TIMEOUT).until(() -> alerts(told, EventType.ALERT_WARNING).stream()
                .anyMatch(a -> a.rule().equals("it_always")));
        assertTrue(alertService.active().stream().anyMatch(a -> a.rule().equals("it_always")));
        HealthReporter health = services(HealthReporter.class).stream()
                .filter(h -> h.component().equals("metrics")).findFirst().orElseThrow();
        await().atMost(TIMEOUT).until(() -> health.health().message().contains("it_broken"));
    }

    private long count(String name) {
        return metrics.getSummary(name, Map.of()).map(MetricSummary::count).orElse(0L);
    }

    private static List<Alert> alerts(List<TeleopEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type && e.alert() != null).map(TeleopEvent::alert).toList();
    }

    private <T> void register(Class<T> type, T service, Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        registrations.add(context.registerService(type, service, dictionary));
    }

    private <T> List<T> services(Class<T> type) {
        try {
            return context.getServiceReferences(type, null).stream().map(context::getService)
                    .filter(Objects::nonNull).toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String run(String command) throws Exception {
        return executeCommand(sessions, command);
    }
}
