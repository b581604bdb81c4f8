package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.Alert;
import org.teleopmon.api.AlertService;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Stall;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopEventListener;

/**
 * Stalls and end reasons on real libzmq traffic (Debian's pyzmq, /usr/bin/python3) over {@code lo}, seen
 * through packet capture, the ZMQ detector and the engine of the real distribution, with the engine's
 * default hold time (2 s) and stall threshold (0.5 s). Needs root or CAP_NET_RAW, as CI runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StallZmqIT extends ZmqSessionSupport {

    /**
     * Between the operator's two sends and the two packets' capture times: each send crosses pyzmq's I/O
     * thread, which a loaded 2-core machine may delay by some milliseconds; 50 ms is the tolerance.
     */
    private static final long TOLERANCE_MS = 50;

    @Inject
    AlertService alerts;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(List.of(super.extraOptions()));
        options.add(editConfigurationFilePut("etc/org.teleopmon.engine.cfg", "hold.time", "2.0"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void injectedCommandStallsAreToldWithTheirLengthAndOnlyTheOneBeyondTheHoldEndsTheSession()
            throws Exception {
        ServiceRegistration<TeleopEventListener> registration = prepare();
        events.clear();
        execute("teleop:simulate --role robot --duration 0 --command-port " + commandPort + " --observation-port "
                + observationPort);
        try {
            PythonScript operator = PythonScript.start(PythonZmqOperator.SCRIPT, Integer.toString(commandPort),
                    Integer.toString(observationPort), "11", "2:300,4:600,6:3000");
            List<String> output = operator.await();
            List<double[]> gaps = output.stream().filter(l -> l.startsWith("gap ")).map(l -> l.split(" "))
                    .map(f -> new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])}).toList();
            assertEquals(String.join("\n", output), 3, gaps.size());

            // The operator exiting ends the second session at once (operator_closed).
            await().atMost(TIMEOUT).until(() -> count(EventType.TELEOPERATION_STOPPED) == 2);
            List<TeleopEvent> stalls = of(EventType.TELEOP_STALL);
            assertEquals(describe(), 2, stalls.size());
            for (int i = 0; i < 2; i++) {
                Stall stall = stalls.get(i).stall();
                double sent = gaps.get(i + 1)[1];
                assertEquals(Stall.Kind.COMMAND, stall.kind());
                assertEquals("zmq", stall.detector());
                assertEquals("stall " + stall + " against the operator's measured gap " + sent + " ms", sent,
                        stall.duration().toNanos() / 1e6, TOLERANCE_MS);
                // Informational: the figures behind the tolerance.
                System.out.printf("StallZmqIT command gap sent %.1f ms, teleop_stall %.3f ms%n", sent,
                        stall.duration().toNanos() / 1e6);
            }

            List<TeleopEvent> started = of(EventType.TELEOPERATION_STARTED);
            List<TeleopEvent> stopped = of(EventType.TELEOPERATION_STOPPED);
            assertEquals(describe(), 2, started.size());
            SessionRecord first = stopped.get(0).session();
            assertEquals(first.toString(), EndReason.Kind.STALL, first.endReason().kind());
            assertEquals("the 300 and 600 ms gaps did not split it: it ends at the 3 s stall's last command",
                    stalls.get(1).stall().started(), first.end());
            assertEquals(first.id(), stalls.get(0).stall().sessionId());
            assertEquals(first.id(), stalls.get(1).stall().sessionId());
            assertEquals(first.stalls().toString(), 2, first.stalls().count());
            assertTrue(first.stalls().toString(), first.stalls().worstMs() >= 2000 - TOLERANCE_MS);
            SessionRecord second = stopped.get(1).session();
            assertEquals(second.toString(), EndReason.Kind.OPERATOR_CLOSED, second.endReason().kind());
            assertEquals(second.stalls().toString(), 0, second.stalls().count());

            // The 3 s stall lasted six evaluations of the alert rules: command_stall fired and is over.
            await().atMost(TIMEOUT).untilAsserted(() -> {
                List<Alert> history = alerts.history(100);
                assertTrue(history.toString(), history.stream().anyMatch(a -> a.rule().equals("command_stall")
                        && a.state() == Alert.State.FIRING && a.subject().equals("zmq")));
                assertTrue(alerts.active().toString(),
                        alerts.active().stream().noneMatch(a -> a.rule().equals("command_stall")));
            });
        } finally {
            execute("teleop:simulate --stop");
            registration.unregister();
        }
    }

    @Test
    public void aLibzmqHostExitingAfterItsConnectionTimeIsTheRobotsEndAndTheOperatorExitingFirstTheOperators()
            throws Exception {
        ServiceRegistration<TeleopEventListener> registration = prepare();
        try {
            events.clear();
            PythonScript host = PythonScript.start(PythonZmqHost.SCRIPT, Integer.toString(commandPort),
                    Integer.toString(observationPort), "5");
            PythonScript operator = PythonScript.start(PythonZmqOperator.SCRIPT, Integer.toString(commandPort),
                    Integer.toString(observationPort), "9");
            host.await();
            SessionRecord robotEnd = awaitEvent(EventType.TELEOPERATION_STOPPED).session();
            assertEquals(robotEnd.toString(), EndReason.Kind.ROBOT_CLOSED, robotEnd.endReason().kind());
            assertTrue(robotEnd.endReason().detail(), robotEnd.endReason().detail().contains("connection_time_s"));
            operator.await();

            events.clear();
            host = PythonScript.start(PythonZmqHost.SCRIPT, Integer.toString(commandPort),
                    Integer.toString(observationPort), "30");
            PythonScript.start(PythonZmqOperator.SCRIPT, Integer.toString(commandPort), Integer.toString(observationPort),
                    "3").await();
            SessionRecord operatorEnd = awaitEvent(EventType.TELEOPERATION_STOPPED).session();
            assertEquals(operatorEnd.toString(), EndReason.Kind.OPERATOR_CLOSED, operatorEnd.endReason().kind());
            host.kill();
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void aCameraStreamThatPausesForTwoSecondsIsOneVideoStall() throws Exception {
        ServiceRegistration<TeleopEventListener> registration = prepare();
        try {
            events.clear();
            PythonScript host = PythonScript.start(PythonZmqHost.SCRIPT, Integer.toString(commandPort),
                    Integer.toString(observationPort), "9", "3:2000");
            PythonScript operator = PythonScript.start(PythonZmqOperator.SCRIPT, Integer.toString(commandPort),
                    Integer.toString(observationPort), "7");
            operator.await();
            List<String> output = host.await();
            double sent = output.stream().filter(l -> l.startsWith("frame_gap ")).map(l -> l.split(" "))
                    .mapToDouble(f -> Double.parseDouble(f[2])).findFirst().orElseThrow(() -> new AssertionError(
                            String.join("\n", output)));

            await().atMost(TIMEOUT).until(() -> count(EventType.TELEOPERATION_STOPPED) == 1);
            List<TeleopEvent> video = of(EventType.VIDEO_STALL);
            assertEquals(describe(), 1, video.size());
            Stall stall = video.get(0).stall();
            assertEquals(Stall.Kind.VIDEO, stall.kind());
            assertEquals("stall " + stall + " against the host's measured gap " + sent + " ms", sent,
                    stall.duration().toNanos() / 1e6, TOLERANCE_MS);
            System.out.printf("StallZmqIT frame gap sent %.1f ms, video_stall %.3f ms%n", sent,
                    stall.duration().toNanos() / 1e6);
            assertEquals(of(EventType.TELEOPERATION_STARTED).get(0).session().id(), stall.sessionId());
            assertEquals(describe(), 0, count(EventType.TELEOP_STALL));
        } finally {
            registration.unregister();
        }
    }

    private long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    private List<TeleopEvent> of(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private String describe() {
        return events.stream().filter(e -> e.type() != EventType.STATE_UPDATE)
                .map(e -> e.type().wireName() + (e.stall() != null ? " " + e.stall()
                        : e.session() != null ? " " + e.session().id() + " " + e.session().endReason() : ""))
                .toList().toString();
    }
}
