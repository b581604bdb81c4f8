package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.Detector;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.EventType;
import org.teleopmon.api.Health;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopEventListener;

/**
 * The real distribution with packet capture switched off: a libzmq LeKiwi operator (Debian's pyzmq) drives
 * the simulator's robot host, and the ZMQ detector finds the session in the kernel's socket table alone:
 * the right operator, the command rate within 15 % of what the operator sent, latency from tcp_info, and the
 * operator's close ending the session as operator_closed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SocketTableZmqIT extends ZmqSessionSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    boolean captures() {
        return false;
    }

    @Test
    public void aLibzmqSessionIsDetectedMeasuredAndEndedFromTheSocketTable() throws Exception {
        ServiceRegistration<TeleopEventListener> registration = prepare();
        execute("teleop:simulate --role robot --duration 0 --command-port " + commandPort + " --observation-port "
                + observationPort);
        Path script = Files.createTempFile("socket-table-operator", ".py");
        Files.writeString(script, PythonZmqOperator.SCRIPT);
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(commandPort),
                    Integer.toString(observationPort), "6").redirectErrorStream(true).start();
            SessionRecord started = awaitEvent(EventType.TELEOPERATION_STARTED).session();
            assertEquals(List.of("127.0.0.1"), started.operators().stream().map(o -> o.id()).toList());
            await().atMost(TIMEOUT).untilAsserted(() -> {
                DetectorSignal signal = zmq().detect();
                assertTrue(signal.reason(), signal.reason().contains("kernel socket table"));
                assertTrue("latency " + signal.measurement(Measurements.LATENCY_MS),
                        signal.measurement(Measurements.LATENCY_MS) > 0);
            });
            Health health = zmq().health();
            assertTrue(health.message(), health.message().contains("switched off")
                    && health.message().contains("kernel socket table"));
            // The rate over the detector's 2 s window while the operator still sends.
            double rate = zmq().detect().measurement(Measurements.COMMAND_RATE_HZ);

            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(output, python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0);
            String[] sent = output.lines().filter(l -> l.startsWith("sent ")).findFirst().orElseThrow().split(" ");
            double sentRate = Long.parseLong(sent[1]) / Double.parseDouble(sent[2]);
            assertEquals("command rate from data segments vs the operator's " + sentRate, sentRate, rate,
                    0.15 * sentRate);

            SessionRecord ended = awaitEvent(EventType.TELEOPERATION_STOPPED).session();
            assertEquals(EndReason.Kind.OPERATOR_CLOSED, ended.endReason().kind());
        } finally {
            execute("teleop:simulate --stop");
            registration.unregister();
            Files.delete(script);
        }
    }

    private Detector zmq() throws Exception {
        return context.getServiceReferences(Detector.class, "(component.name=*ZmqDetector)").stream()
                .map(context::getService).findFirst().orElseThrow();
    }
}
