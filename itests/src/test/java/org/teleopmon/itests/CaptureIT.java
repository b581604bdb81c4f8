package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;

/**
 * The capture bundle in the real distribution: a listener registered by the test receives the
 * TCP and UDP packets the test sends on loopback (CI runs as root, so capture is allowed).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CaptureIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    CaptureService capture;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void aListenerServiceReceivesLoopbackTrafficOnItsPorts() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback); DatagramSocket udp = new DatagramSocket(0, loopback)) {
            int tcpPort = server.getLocalPort();
            int udpPort = udp.getLocalPort();
            Recorder recorder = new Recorder(new CaptureInterest(Set.of(tcpPort), Set.of(udpPort), false));
            ServiceRegistration<PacketListener> registration = context.registerService(PacketListener.class, recorder, null);
            try {
                await().atMost(TIMEOUT).until(() -> capture.stats().filter().contains("tcp port " + tcpPort)
                        && capture.stats().interfaces().contains("lo"));

                byte[] message = "{\"x.vel\": 0.1}".getBytes(StandardCharsets.UTF_8);
                try (Socket client = new Socket(loopback, tcpPort); Socket accepted = server.accept()) {
                    client.getOutputStream().write(message);
                    accepted.getInputStream().readNBytes(message.length);
                }
                for (int i = 0; i < 5; i++) {
                    udp.send(new DatagramPacket(new byte[] {(byte) i}, 1, new InetSocketAddress(loopback, udpPort)));
                }

                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertEquals(new String(message, StandardCharsets.UTF_8),
                            new String(recorder.tcpPayload(tcpPort), StandardCharsets.UTF_8));
                    assertEquals(5, recorder.udpDatagrams.size());
                });
                assertTrue(capture.health().isOk());
                assertTrue(capture.stats().dispatched() >= recorder.packets.size());
            } finally {
                registration.unregister();
            }
            // Other listeners (the ZMQ detector) may keep the capture running: only our ports must go.
            await().atMost(TIMEOUT).until(() -> !capture.stats().filter().contains("port " + tcpPort)
                    && !capture.stats().filter().contains("port " + udpPort));
        }
    }

    @Test
    public void theShellCommandShowsHealthAndCounters() throws Exception {
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> context.getServiceReferences(
                "org.apache.karaf.shell.api.console.SessionFactory", null) != null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        session.execute("teleop:capture --no-format");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown, shown.contains("health") && shown.contains("OK") && shown.contains("dropped by kernel"));
    }

    /** The {@code netns} key, set as a user would: the capture moves into the namespace and sees only its traffic. */
    @Test
    public void theNetnsKeyMovesTheCaptureIntoANamespace() throws Exception {
        String namespace = "tm-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String file = "/run/netns/" + namespace;
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("org.teleopmon.capture", null);
        Dictionary<String, Object> original = config.getProperties();
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Recorder recorder = new Recorder(new CaptureInterest(null, Set.of(port), false));
        ServiceRegistration<PacketListener> registration = context.registerService(PacketListener.class, recorder, null);
        try {
            assertEquals(0, run("ip", "netns", "add", namespace));
            assertEquals(0, run("ip", "-n", namespace, "link", "set", "lo", "up"));
            Dictionary<String, Object> moved = copy(original);
            moved.put("netns", file);
            moved.put("interfaces", "lo");
            config.update(moved);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> file.equals(current().stats().networkNamespace())
                    && current().stats().interfaces().contains("lo") && passesUdp(current().stats().filter(), port));

            try (DatagramSocket host = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                host.send(new DatagramPacket(new byte[] {'h'}, 1, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            assertEquals(0, run("ip", "netns", "exec", namespace, "/usr/bin/python3", "-c", "import socket; "
                    + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
                    + "[s.sendto(b'n', ('127.0.0.1', " + port + ")) for _ in range(3)]"));

            await().atMost(TIMEOUT).until(() -> recorder.udpDatagrams.size() == 3);
            assertTrue(recorder.udpDatagrams.stream().allMatch(d -> d.length == 1 && d[0] == 'n'));
            assertTrue(current().health().isOk());
            String shown = executeCommand(sessionFactory, "teleop:capture --no-format");
            assertTrue(shown, shown.contains("network namespace") && shown.contains(file));
        } finally {
            registration.unregister();
            config.update(original);
            run("ip", "netns", "del", namespace);
        }
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> current().stats().networkNamespace().isEmpty());
    }

    /** Whether the kernel filter lets this UDP port through: by name, or as every UDP (the WebRTC detector asks for that). */
    private static boolean passesUdp(String filter, int port) {
        return Arrays.asList(filter.split(" or ")).stream().anyMatch(t -> t.equals("udp") || t.equals("udp port " + port));
    }

    private CaptureService current() {
        return context.getService(context.getServiceReference(CaptureService.class));
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        return copy;
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Test
    public void captureReportsItsHealthAndShipsItsConfiguration() throws Exception {
        List<String> components = context.getServiceReferences(HealthReporter.class, null).stream()
                .map(ref -> context.getService(ref).component()).toList();
        assertTrue(components.toString(), components.contains("capture"));
        assertTrue(new File(System.getProperty("karaf.etc"), "org.teleopmon.capture.cfg").isFile());
    }

    /** Copies payloads out, as a packet is only valid during the call. */
    static final class Recorder implements PacketListener {
        private final CaptureInterest interest;
        final List<int[]> packets = new CopyOnWriteArrayList<>();
        final List<byte[]> udpDatagrams = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream tcp = new ByteArrayOutputStream();
        private int tcpDst;

        Recorder(CaptureInterest interest) {
            this.interest = interest;
        }

        @Override
        public CaptureInterest interest() {
            return interest;
        }

        @Override
        public synchronized void onPacket(Packet p) {
            packets.add(new int[] {p.transport(), p.srcPort(), p.dstPort()});
            byte[] payload = new byte[p.payloadLength()];
            System.arraycopy(p.array(), p.payloadOffset(), payload, 0, payload.length);
            if (p.transport() == Packet.UDP) {
                udpDatagrams.add(payload);
            } else if (interest.tcpPorts().contains(p.dstPort())) {
                tcp.writeBytes(payload);
                tcpDst = p.dstPort();
            }
        }

        synchronized byte[] tcpPayload(int port) {
            return tcpDst == port ? tcp.toByteArray() : new byte[0];
        }
    }
}
