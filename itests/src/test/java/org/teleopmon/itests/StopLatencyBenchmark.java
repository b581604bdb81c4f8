package org.teleopmon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.teleopmon.api.TeleopEventListener;
import org.teleopmon.testsupport.FreePort;

/**
 * Benchmark, not part of {@code mvn verify} (its name does not end in IT): stop as fast as start. A
 * libzmq operator (Debian's pyzmq) drives a libzmq LeKiwi robot host ({@link PythonZmqHost}, as lerobot's
 * host) beside the real distribution for 1.5 s (3.5 s from the socket table, whose rate needs its 2 s window
 * to start a session) and closes its sockets; the figure is the wall-clock time from its {@code close()} to a
 * WebSocket
 * client of {@code /ws} receiving {@code teleoperation_stopped} (end_reason operator_closed), over 20
 * sessions. With {@code -Dstop.capture=false} packet capture is switched off and the end comes from the
 * kernel socket table instead. Run: {@code benchmarks/run stop-latency} (figures in docs/benchmarks.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StopLatencyBenchmark extends ZmqSessionSupport {

    private static final boolean CAPTURE = !"false".equals(System.getProperty("stop.capture"));
    private static final int SESSIONS = Integer.getInteger("stop.sessions", 20);

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(List.of(super.extraOptions()));
        // The probe runs in the container's JVM: hand it the switch too.
        options.add(systemProperty("stop.capture").value(Boolean.toString(CAPTURE)));
        return options.toArray(new Option[0]);
    }

    @Override
    boolean captures() {
        return CAPTURE;
    }

    @Test
    public void operatorCloseToTeleoperationStoppedOnTheWebSocket() throws Exception {
        int webPort = FreePort.next();
        Dictionary<String, Object> streamer = new Hashtable<>();
        streamer.put("port", Integer.toString(webPort));
        configAdmin.getConfiguration("org.teleopmon.streamer", null).update(streamer);
        String ws = "ws://127.0.0.1:" + webPort + "/ws?topics=teleoperation_started,teleoperation_stopped";
        StreamerIT.Client client = Awaitility.await().atMost(TIMEOUT).ignoreExceptions()
                .until(() -> StreamerIT.Client.connect(ws), c -> c.socket != null);
        ServiceRegistration<TeleopEventListener> registration = prepare();
        // A libzmq host frees its end of the connection as soon as the operator's FIN arrives, as the robot's does.
        PythonScript host = PythonScript.start(PythonZmqHost.SCRIPT, Integer.toString(commandPort),
                Integer.toString(observationPort), "100000");
        Path script = Files.createTempFile("stop-operator", ".py");
        Files.writeString(script, PythonZmqOperator.SCRIPT);
        List<Long> micros = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                int before = count(client, "\"teleoperation_stopped\"");
                Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(commandPort),
                        Integer.toString(observationPort), CAPTURE ? "1.5" : "3.5").redirectErrorStream(true).start();
                String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(output, python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0);
                long closedNanos = Long.parseLong(output.replaceAll("(?s).*closing (\\d+).*", "$1"));
                Awaitility.await().atMost(TIMEOUT).until(() -> count(client, "\"teleoperation_stopped\"") > before);
                int index = indexOf(client, "\"teleoperation_stopped\"", before);
                String stopped = client.messages.get(index);
                assertTrue(stopped, stopped.contains("operator_closed"));
                Instant arrived = client.arrivals.get(index);
                micros.add((arrived.getEpochSecond() * 1_000_000_000L + arrived.getNano() - closedNanos) / 1000);
                Thread.sleep(700);
            }
        } finally {
            host.kill();
            registration.unregister();
            Files.delete(script);
        }
        assertEquals(SESSIONS, micros.size());
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int n = sorted.size();
        String report = String.format("operator close -> teleoperation_stopped on /ws, capture %s, %d sessions (ms): "
                + "p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n", CAPTURE ? "on" : "off (socket table)", n,
                sorted.get(n / 2) / 1000.0, sorted.get((int) Math.ceil(n * 0.95) - 1) / 1000.0,
                sorted.get((int) Math.ceil(n * 0.99) - 1) / 1000.0, sorted.get(n - 1) / 1000.0);
        System.out.print(report);
        Path out = Path.of(System.getProperty("karaf.base"), "stop-latency.txt");
        Files.writeString(out, report + micros + System.lineSeparator());
        Files.writeString(Path.of("/tmp", "stop-latency-" + (CAPTURE ? "capture" : "sockets") + ".txt"),
                report + micros + System.lineSeparator());
    }

    private static int count(StreamerIT.Client client, String fragment) {
        return (int) client.messages.stream().filter(m -> m.contains(fragment)).count();
    }

    private static int indexOf(StreamerIT.Client client, String fragment, int skip) {
        int seen = 0;
        for (int i = 0; i < client.messages.size(); i++) {
            if (client.messages.get(i).contains(fragment) && seen++ == skip) {
                return i;
            }
        }
        throw new AssertionError("no " + fragment + " #" + skip);
    }
}
